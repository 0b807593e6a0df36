package io.rasfleet.worker.linux;

import io.rasfleet.project.ProjectSnapshot;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and SHA-256 of a snapshot's files, computed by a POSIX shell on the Linux worker's side
 * (GNU coreutils or busybox: {@code find}, {@code stat}, {@code sha256sum}), and the parse of what
 * it prints. The same command for an SSH host and a container.
 */
public final class SnapshotListing {

    /**
     * Run as {@code sh -c SCRIPT sh <folder>}: the folder is an argument, never part of the script.
     * Every name {@code find} prints starts with {@code ./}, so a line is {@code <size> ./<path>}
     * from stat or {@code <sha256>  ./<path>} from sha256sum, told apart by their shape. A folder
     * that is gone prints nothing: its files are missing, not unreadable.
     */
    static final String SCRIPT = "[ -d \"$1\" ] || exit 0; cd \"$1\" && find . -type f -exec stat -c '%s %n' {} + "
            + "&& find . -type f -exec sha256sum {} +";

    private static final Pattern SIZE = Pattern.compile("(\\d+) \\./(.+)");
    /** GNU sha256sum starts a line with {@code \} when it escaped a {@code \}, LF or CR in the name. */
    private static final Pattern HASH = Pattern.compile("(\\\\?)([0-9a-f]{64}) [ *]\\./(.+)");

    private SnapshotListing() {
    }

    /** The command's words, for an argument list (Docker) or to be quoted for a remote shell (SSH). */
    public static List<String> command(String folder) {
        return List.of("sh", "-c", SCRIPT, "sh", folder);
    }

    /**
     * What {@link #command} printed, as the files it found by relative path; refuses, quoting it, a
     * line of neither shape, and a file listed with a size but no hash or the other way round.
     */
    public static Map<String, ProjectSnapshot.Entry> parse(String output) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher size = SIZE.matcher(line);
            Matcher hash = HASH.matcher(line);
            if (hash.matches()) {
                String path = hash.group(1).isEmpty() ? hash.group(3) : unescape(hash.group(3));
                hashes.put(path, hash.group(2));
            } else if (size.matches()) {
                sizes.put(size.group(2), Long.parseLong(size.group(1)));
            } else {
                throw new IOException("the snapshot listing has a line of neither size nor hash: '" + line + "'");
            }
        }
        if (!sizes.keySet().equals(hashes.keySet())) {
            throw new IOException("the snapshot listing names different files by size (" + sizes.keySet() + ") and by hash ("
                    + hashes.keySet() + ")");
        }
        Map<String, ProjectSnapshot.Entry> held = new TreeMap<>();
        sizes.forEach((path, bytes) -> held.put(path, new ProjectSnapshot.Entry(path, bytes, hashes.get(path))));
        return held;
    }

    private static String unescape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
