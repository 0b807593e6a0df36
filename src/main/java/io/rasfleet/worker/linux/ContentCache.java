package io.rasfleet.worker.linux;

import io.rasfleet.project.ProjectSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux worker's cache of project files by content, and the POSIX shell that keeps it (GNU
 * coreutils or busybox, the same for an SSH host and a container). Layout under the cache folder:
 * <ul>
 * <li>{@code sha256/ab/abcdef...}: one file per content, named by its SHA-256;</li>
 * <li>{@code incoming/<batch>/manifest} and {@code incoming/<batch>/files/<sha256>}: what one staging
 * sent, private to it until {@link #STAGE} moves each file into place with a rename (atomic on one
 * file system, so no reader ever sees half an entry; two servers sending the same content both
 * rename a whole copy).</li>
 * </ul>
 * A run's snapshot is built from entries by hard links where the file system allows (else copies):
 * a linked entry has a link count above one, and eviction leaves such entries alone, so an entry is
 * never evicted from under a snapshot that uses it; and removing a name never harms a link or an
 * open copy. The last use is the entry's modification time, touched whenever a snapshot takes it.
 */
public final class ContentCache {

    /** The cache's folder under a worker's {@code worker_folder}. */
    public static final String FOLDER = "cache";

    /**
     * Run as {@code sh -c STAGE sh <cache> <snapshot> <batch>}: adopts the batch's sent files, then
     * links (or copies) every manifest line {@code <sha256> <path>} into the snapshot folder,
     * printing {@code missing <sha256>} for content the cache lacks, and lists the cache as
     * {@code entry <mtime> <links> <size> ./ab/<sha256>}. The batch is removed once nothing is
     * missing; batches a crash left behind go after a day.
     */
    static final String STAGE = "c=$1; s=$2; b=$c/incoming/$3; mkdir -p \"$c/sha256\" \"$s\" || exit 2; "
            + "for f in \"$b\"/files/*; do [ -f \"$f\" ] || continue; h=${f##*/}; d=$c/sha256/${h%\"${h#??}\"}; "
            + "mkdir -p \"$d\" && mv -f \"$f\" \"$d/$h\" || exit 2; done; "
            + "[ -f \"$b/manifest\" ] || { echo \"no manifest in $b\" >&2; exit 2; }; "
            + "find \"$c/incoming\" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null; "
            + "m=0; while IFS= read -r l; do h=${l%% *}; p=${l#* }; e=$c/sha256/${h%\"${h#??}\"}/$h; t=$s/$p; "
            + "mkdir -p \"$(dirname \"$t\")\" && rm -f \"$t\" || exit 2; "
            + "if [ -f \"$e\" ] && { ln \"$e\" \"$t\" 2>/dev/null || cp \"$e\" \"$t\"; } && touch -c \"$e\"; then :; "
            + "else echo \"missing $h\"; m=1; fi; done < \"$b/manifest\"; "
            + "[ $m = 0 ] && rm -rf \"$b\"; cd \"$c/sha256\" && find . -type f -exec stat -c 'entry %Y %h %s %n' {} +; exit 0";

    /**
     * Run as {@code sh -c EVICT sh <cache> <sha256>...}: removes each entry unless a snapshot holds
     * it by now (its link count grew since the listing eviction chose from).
     */
    static final String EVICT = "c=$1; shift; for h; do e=$c/sha256/${h%\"${h#??}\"}/$h; "
            + "[ \"$(stat -c %h \"$e\" 2>/dev/null)\" = 1 ] && rm -f \"$e\"; done; exit 0";

    /** Run as {@code sh -c PURGE sh <cache> <sha256>...}: removes each entry, linked or not: its content is wrong. */
    static final String PURGE = "c=$1; shift; for h; do rm -f \"$c/sha256/${h%\"${h#??}\"}/$h\"; done; exit 0";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MISSING = Pattern.compile("missing ([0-9a-f]{64})");
    private static final Pattern ENTRY = Pattern.compile("entry (\\d+) (\\d+) (\\d+) \\./[0-9a-f]{2}/([0-9a-f]{64})");

    /** One cached content as the worker listed it. */
    public record Entry(String sha256, long lastUsed, int links, long size) {
    }

    /** What a staging pass printed: content the cache lacks, and the cache as it is after the pass. */
    public record Pass(Set<String> missing, List<Entry> entries) {
    }

    private ContentCache() {
    }

    /** The cache folder of a worker whose {@code worker_folder} is {@code workerFolder}. */
    public static String folder(String workerFolder) {
        return workerFolder.replaceAll("/+$", "") + "/" + FOLDER;
    }

    /** The folder one staging's files go into before {@link #STAGE} adopts them. */
    public static String incoming(String cache, String batch) {
        return cache + "/incoming/" + batch;
    }

    /**
     * The manifest {@link #STAGE} reads: one line {@code <sha256> <path>} a file. A path with a line
     * break cannot be a line of it, and is refused naming it.
     */
    public static String manifest(ProjectSnapshot snapshot) throws IOException {
        StringBuilder out = new StringBuilder();
        for (ProjectSnapshot.Entry entry : snapshot.entries()) {
            if (entry.path().indexOf('\n') >= 0 || entry.path().indexOf('\r') >= 0) {
                throw new IOException("'" + entry.path() + "' has a line break in its name; rename it to stage it on a Linux worker");
            }
            out.append(hash(entry)).append(' ').append(entry.path()).append('\n');
        }
        return out.toString();
    }

    /** Each content of the snapshot once, with a file that holds it (relative to the snapshot's folder). */
    public static Map<String, ProjectSnapshot.Entry> contents(ProjectSnapshot snapshot) {
        Map<String, ProjectSnapshot.Entry> contents = new LinkedHashMap<>();
        for (ProjectSnapshot.Entry entry : snapshot.entries()) {
            contents.putIfAbsent(hash(entry), entry);
        }
        return contents;
    }

    private static String hash(ProjectSnapshot.Entry entry) {
        String sha256 = entry.sha256().toLowerCase(java.util.Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(entry.path() + " has no SHA-256 in the snapshot: " + entry.sha256());
        }
        return sha256;
    }

    /** The words of a staging pass ({@link #STAGE}); the manifest must be in the batch folder. */
    public static List<String> stageCommand(String cache, String snapshotFolder, String batch) {
        return List.of("sh", "-c", STAGE, "sh", cache, snapshotFolder, batch);
    }

    /** The words that evict {@code victims} (those no snapshot holds by then). */
    public static List<String> evictCommand(String cache, Collection<String> victims) {
        return withHashes(EVICT, cache, victims);
    }

    /** The words that remove entries whose content proved wrong, so that the next staging sends them again. */
    public static List<String> purgeCommand(String cache, Collection<String> damaged) {
        return withHashes(PURGE, cache, damaged);
    }

    private static List<String> withHashes(String script, String cache, Collection<String> hashes) {
        List<String> words = new ArrayList<>(List.of("sh", "-c", script, "sh", cache));
        for (String h : hashes) {
            if (!SHA256.matcher(h).matches()) {
                throw new IllegalArgumentException("not a SHA-256: " + h);
            }
            words.add(h);
        }
        return words;
    }

    /** What {@link #STAGE} printed; a line of no known shape is refused, quoted. */
    public static Pass parse(String output) throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = MISSING.matcher(line);
            Matcher e = ENTRY.matcher(line);
            if (m.matches()) {
                missing.add(m.group(1));
            } else if (e.matches()) {
                entries.add(new Entry(e.group(4), Long.parseLong(e.group(1)), Integer.parseInt(e.group(2)),
                        Long.parseLong(e.group(3))));
            } else {
                throw new IOException("staging from the worker's cache printed a line of no known shape: '" + line + "'");
            }
        }
        return new Pass(missing, entries);
    }

    /**
     * The entries to evict so that the cache holds at most {@code limitBytes}: least recently used
     * first, skipping those a snapshot holds (more than one link), which count but cannot go. The
     * cache may stay above the limit while snapshots hold more than it.
     */
    public static List<String> victims(List<Entry> entries, long limitBytes) {
        try {
            return io.rasfleet.worker.CacheEviction.victims(entries, Entry::lastUsed, Entry::size, e -> e.links() > 1, limitBytes)
                    .stream().map(Entry::sha256).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // the link counts are in the listing: nothing is asked
        }
    }
}
