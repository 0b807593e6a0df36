package io.rasfleet.worker.psexec;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.SmbShare;
import io.rasfleet.worker.CacheEviction;
import io.rasfleet.worker.StagingReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Windows worker's cache of project files on its share, {@code rasfleet\cache\sha256\ab\<sha256>},
 * one file per content, shared by every server and run there. A run's snapshot is built from it on
 * the server's side: a hard link per file (SMB2 FileLinkInformation; NTFS and Samba on a POSIX file
 * system have them), else a server-side copy (copy-chunk), else a copy through this machine; only
 * content the cache lacks is sent. An entry arrives through a temporary name and a rename. Last use
 * is the entry's last write time, set whenever a snapshot takes it; eviction takes the least recently
 * used entries no snapshot links (one name only). Removing an entry a copy still reads is harmless:
 * Windows deletes it when the last handle closes, Samba keeps an open file's data.
 */
final class ShareCache {

    private final SmbShare smb;
    private final String cache;
    private final String describe;
    private boolean links = true;

    ShareCache(SmbShare smb, String cache, String describe) {
        this.smb = smb;
        this.cache = cache;
        this.describe = describe;
    }

    private static String sha256(ProjectSnapshot.Entry entry) {
        return entry.sha256().toLowerCase(Locale.ROOT);
    }

    String entry(String sha256) {
        return cache + "\\sha256\\" + sha256.substring(0, 2) + "\\" + sha256;
    }

    /** Builds {@code folder} (made here, empty) from the cache, sending what it lacks, then evicts down to {@code limitBytes}. */
    StagingReport stage(long runId, ProjectSnapshot snapshot, String folder, long limitBytes) throws IOException {
        Set<String> made = new HashSet<>();
        Set<String> used = new HashSet<>();
        int filesSent = 0;
        long bytesSent = 0;
        for (ProjectSnapshot.Entry file : snapshot.entries()) {
            String sha256 = sha256(file);
            String entry = entry(sha256);
            String target = folder + "\\" + file.path().replace('/', '\\');
            String parent = target.substring(0, target.lastIndexOf('\\'));
            if (made.add(parent)) {
                smb.mkdirs(parent);
            }
            // a peer may evict the entry between sending and taking it: then it is sent again, once
            for (int pass = 0; !take(entry, target); pass++) {
                if (pass == 2) {
                    throw new IOException(describe + ": " + entry + " was evicted as soon as it was sent, twice: the cache is full of"
                            + " content other runs hold; raise cache_limit_mb or free disk there");
                }
                smb.mkdirs(entry.substring(0, entry.lastIndexOf('\\')));
                smb.upload(snapshot.folder().resolve(file.path()), entry);
                filesSent++;
                bytesSent += file.size();
            }
            if (used.add(sha256)) {
                smb.snapshotFiles().touch(entry);
            }
        }
        int evicted = evict(limitBytes);
        StagingReport report = new StagingReport(filesSent, bytesSent, snapshot.entries().size(), StagingReport.snapshotBytes(snapshot));
        LOG.stagedFromCache(runId, describe, bytesSent, filesSent, report.snapshotBytes(), report.snapshotFiles(), evicted);
        return report;
    }

    /** Links (or copies) the entry to {@code target}; false when the cache lacks it. */
    private boolean take(String entry, String target) throws IOException {
        if (links) {
            switch (smb.snapshotFiles().link(entry, target)) {
                case LINKED:
                    return true;
                case SOURCE_MISSING:
                    return false;
                case NOT_SUPPORTED:
                    links = false;
                    break;
            }
        }
        return smb.copyIfPresent(entry, target);
    }

    private record Cached(String sha256, long lastUsed, long size) {
    }

    private int evict(long limitBytes) throws IOException {
        List<Cached> entries = new ArrayList<>();
        for (Map.Entry<String, io.rasfleet.transfer.SmbSnapshotFiles.Facts> file : smb.snapshotFiles().facts(cache + "\\sha256").entrySet()) {
            String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
            if (name.matches("[0-9a-f]{64}")) {
                Instant written = file.getValue().lastWritten();
                entries.add(new Cached(name, written.toEpochMilli(), file.getValue().size()));
            }
        }
        List<Cached> victims = CacheEviction.victims(entries, Cached::lastUsed, Cached::size,
                e -> smb.snapshotFiles().links(entry(e.sha256())) > 1, limitBytes);
        for (Cached victim : victims) {
            smb.delete(entry(victim.sha256()));
        }
        return victims.size();
    }

    /** Removes the entries of contents that proved wrong, so that the next staging sends them again. */
    void purge(List<String> damaged) throws IOException {
        for (String sha256 : damaged) {
            smb.delete(entry(sha256));
        }
        LOG.cacheEntriesDamaged(describe, damaged.size());
    }
}
