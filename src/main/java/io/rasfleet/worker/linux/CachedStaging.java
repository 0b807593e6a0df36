package io.rasfleet.worker.linux;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.StagingReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stages a run's snapshot on a Linux worker from its {@link ContentCache}: the manifest goes over,
 * the worker links what it holds into the snapshot and names what it lacks, only that is sent,
 * and the cache is brought back under its limit. The same steps for an SSH host and a Docker
 * engine; how words run and files travel there is the {@link Side}'s.
 */
public final class CachedStaging {

    /**
     * Passes before giving up: content sent can be evicted by a peer before this staging links it
     * (only when the cache is full of content other snapshots hold), and is then sent again.
     */
    static final int PASSES = 3;

    /** How one kind of Linux worker runs the cache's commands and receives files. */
    public interface Side {
        /** Runs the words on the worker and gives their standard output; fails unless they exit 0. */
        String run(List<String> command, String what) throws IOException;

        /** Makes {@code folder} on the worker and writes each file there under its name; returns the bytes sent. */
        long send(String folder, Map<String, Path> files) throws IOException;

        /** The worker, for messages. */
        String describe();
    }

    private CachedStaging() {
    }

    /**
     * Builds {@code snapshotFolder} on the worker from the cache at {@code cache}, sending what it
     * lacks under the batch name (unique to this staging), then evicts down to {@code limitBytes}.
     */
    public static StagingReport stage(Side side, String cache, String snapshotFolder, String batch, long runId,
            ProjectSnapshot snapshot, long limitBytes) throws IOException {
        Map<String, ProjectSnapshot.Entry> contents = ContentCache.contents(snapshot);
        String incoming = ContentCache.incoming(cache, batch);
        byte[] manifest = ContentCache.manifest(snapshot).getBytes(StandardCharsets.UTF_8);
        Path manifestFile = java.nio.file.Files.createTempFile("rasfleet-manifest-", ".txt");
        long sent;
        try {
            sent = side.send(incoming, Map.of("manifest", java.nio.file.Files.write(manifestFile, manifest)));
        } finally {
            java.nio.file.Files.deleteIfExists(manifestFile);
        }
        int filesSent = 0;
        ContentCache.Pass pass = pass(side, cache, snapshotFolder, batch);
        for (int n = 1; !pass.missing().isEmpty(); n++) {
            if (n == PASSES) {
                throw new IOException(side.describe() + " still lacks " + pass.missing().size() + " file(s) of the snapshot"
                        + " after they were sent " + (PASSES - 1) + " times: its cache (" + cache + ") is full of content that"
                        + " other runs hold; raise cache_limit_mb or free disk there");
            }
            Map<String, Path> files = new LinkedHashMap<>();
            for (String sha256 : pass.missing()) {
                ProjectSnapshot.Entry entry = contents.get(sha256);
                if (entry == null) {
                    throw new IOException(side.describe() + " named content the manifest does not hold: " + sha256);
                }
                files.put("files/" + sha256, snapshot.folder().resolve(entry.path()));
            }
            sent += side.send(incoming, files);
            filesSent += files.size();
            pass = pass(side, cache, snapshotFolder, batch);
        }
        List<String> victims = ContentCache.victims(pass.entries(), limitBytes);
        for (int from = 0; from < victims.size(); from += 500) {
            side.run(ContentCache.evictCommand(cache, victims.subList(from, Math.min(victims.size(), from + 500))),
                    "evicting from the cache");
        }
        StagingReport report = new StagingReport(filesSent, sent, snapshot.entries().size(), StagingReport.snapshotBytes(snapshot));
        LOG.stagedFromCache(runId, side.describe(), report.bytesSent(), report.filesSent(), report.snapshotBytes(), report.snapshotFiles(),
                victims.size());
        return report;
    }

    private static ContentCache.Pass pass(Side side, String cache, String snapshotFolder, String batch) throws IOException {
        return ContentCache.parse(side.run(ContentCache.stageCommand(cache, snapshotFolder, batch), "staging from the cache"));
    }

    /**
     * What the worker holds in {@code snapshotFolder}, hashed on its side: nothing travels back. The
     * snapshot's files are the cache's entries (hard links), so an entry that proves wrong is removed
     * and the copy {@link io.rasfleet.worker.SnapshotProof} asks for next sends it again.
     */
    public static Map<String, ProjectSnapshot.Entry> held(Side side, String cache, String snapshotFolder, ProjectSnapshot snapshot)
            throws IOException {
        Map<String, ProjectSnapshot.Entry> held = SnapshotListing.parse(side.run(SnapshotListing.command(snapshotFolder),
                "listing the snapshot's sizes and SHA-256"));
        List<String> damaged = io.rasfleet.worker.SnapshotProof.wrongContents(snapshot, held);
        if (!damaged.isEmpty()) {
            side.run(ContentCache.purgeCommand(cache, damaged), "removing damaged cache entries");
            io.rasfleet.log.RasfleetLogger.LOG.cacheEntriesDamaged(side.describe(), damaged.size());
        }
        return held;
    }
}
