package io.rasfleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.SnapshotProof;
import io.rasfleet.worker.StagingReport;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * What every remote worker's cache of project files must do, run against a real worker whose
 * cache folder this machine can read ({@code cache}, holding {@code sha256/ab/<sha256>}): a re-run
 * sends only the changed file, least recently used entries go first at the limit, two runs at once
 * share it intact, and a damaged entry is found and sent again.
 */
public final class CacheScenarios implements AutoCloseable {

    /** Undoes what making the worker under test made (a Docker volume), once its scenario ran. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }

    /** Makes the scenarios on a worker, and cache, of their own, named after the scenario. */
    @FunctionalInterface
    public interface Maker {
        CacheScenarios on(String scenario) throws Exception;
    }

    /**
     * Every scenario, each on a cache of its own; {@code linked}: the worker's snapshots are hard
     * links to its entries, so that a held entry is never evicted. {@code type} names the worker type
     * where the figures are printed.
     */
    public static java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> all(String type, boolean linked, Maker maker) {
        List<org.junit.jupiter.api.DynamicTest> tests = new java.util.ArrayList<>(List.of(
                scenario(maker, "a re-run after a one-file change sends only that file", "rerun",
                        on -> System.out.println(type + " staging, first run then re-run: "
                                + on.reRunAfterOneFileChangeSendsOnlyThatFile(40))),
                scenario(maker, "the least recently used entry is evicted at the limit", "lru",
                        on -> on.leastRecentlyUsedEntryIsEvictedAtTheLimit(50)),
                scenario(maker, "two runs staging at once share the cache intact", "both", on -> on.twoRunsAtOnceShareTheCacheIntact(70)),
                scenario(maker, "a damaged entry is found by the proof and sent again", "damaged",
                        on -> on.damagedEntryIsDetectedAndSentAgain(80))));
        if (linked) {
            tests.add(scenario(maker, "an entry a run's snapshot holds is never evicted", "held",
                    on -> on.entryASnapshotHoldsIsNeverEvicted(60)));
        }
        return tests.stream();
    }

    private interface Scenario {
        void run(CacheScenarios on) throws Exception;
    }

    private static org.junit.jupiter.api.DynamicTest scenario(Maker maker, String name, String folder, Scenario scenario) {
        return org.junit.jupiter.api.DynamicTest.dynamicTest(name, () -> {
            try (CacheScenarios on = maker.on(folder)) {
                scenario.run(on);
            }
        });
    }

    @Override
    public void close() throws Exception {
        cleanup.run();
    }

    private final LongFunction<Worker> workerWithLimitMb;
    private final Path cache;
    private final Path scratch;
    private final boolean sendsManifest;
    private final Cleanup cleanup;

    /**
     * {@code workerWithLimitMb} makes the worker under test with a {@code cache_limit_mb}, each on the
     * same worker folder; {@code sendsManifest}: its staging sends the manifest (a Linux worker's
     * shell reads it), or asks about each file itself (SMB).
     */
    public CacheScenarios(LongFunction<Worker> workerWithLimitMb, Path cache, Path scratch, boolean sendsManifest, Cleanup cleanup) {
        this.sendsManifest = sendsManifest;
        this.cleanup = cleanup;
        this.workerWithLimitMb = workerWithLimitMb;
        this.cache = cache;
        this.scratch = scratch;
    }

    /** A project of small text files, a 300 KiB geometry HDF and a 1 MiB terrain, random bytes from {@code seed}. */
    public static ProjectSnapshot project(Path folder, long seed) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("Proj.prj", "Proj Title=cache test\n".getBytes(StandardCharsets.UTF_8));
        files.put("Proj.p01", "Plan Title=one\nGeom File=g01\n".getBytes(StandardCharsets.UTF_8));
        files.put("Proj.g01.hdf", random(seed, 300 << 10));
        files.put("Terrain/Terrain.tif", random(seed + 1, 1 << 20));
        return snapshot(folder, files);
    }

    /** A snapshot of exactly {@code files} written into {@code folder}. */
    public static ProjectSnapshot snapshot(Path folder, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        return again(folder);
    }

    /** The snapshot of what {@code folder} holds now. */
    public static ProjectSnapshot again(Path folder) throws IOException {
        return new ProjectSnapshot(folder, "Proj", List.copyOf(ProjectSnapshot.filesUnder(folder).values()));
    }

    public static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The cache's entries by SHA-256, each checked to hold the content its name says. */
    public Map<String, Path> entries() throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        Path root = cache.resolve("sha256");
        if (!Files.isDirectory(root)) {
            return entries;
        }
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertEquals(name, ProjectSnapshot.sha256(file), "cache entry " + file + " holds the content its name says");
                assertEquals(name.substring(0, 2), file.getParent().getFileName().toString());
                entries.put(name, file);
            }
        }
        return entries;
    }

    private static String sha256(ProjectSnapshot snapshot, String path) {
        return snapshot.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow().sha256();
    }

    private long manifestBytes(ProjectSnapshot snapshot) throws IOException {
        return !sendsManifest ? 0 : io.rasfleet.worker.linux.ContentCache.manifest(snapshot).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Opens the run with its copy proven, as the batch layer does. */
    private static WorkerSession proven(Worker worker, long runId, ProjectSnapshot snapshot) throws Exception {
        WorkerSession session = SnapshotProof.open(worker, new WorkerRun(Attempts.SERVER, runId, snapshot));
        SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
        return session;
    }

    /**
     * The first run sends the whole project; after one plan file changes, the next sends that file
     * and the manifest, and the cache holds both versions of it beside the unchanged files. Returns
     * the two runs' figures.
     */
    public List<StagingReport> reRunAfterOneFileChangeSendsOnlyThatFile(long firstRun) throws Exception {
        Worker worker = workerWithLimitMb.apply(64);
        Path folder = scratch.resolve("rerun");
        ProjectSnapshot first = project(folder, 11);
        StagingReport whole;
        try (WorkerSession session = proven(worker, firstRun, first)) {
            whole = session.staging();
        }
        assertEquals(4, whole.filesSent());
        assertEquals(StagingReport.snapshotBytes(first) + manifestBytes(first), whole.bytesSent());

        Files.writeString(folder.resolve("Proj.p01"), "Plan Title=one, edited\nGeom File=g01\n");
        ProjectSnapshot second = again(folder);
        StagingReport rerun;
        try (WorkerSession session = proven(worker, firstRun + 1, second)) {
            rerun = session.staging();
        }
        long planBytes = Files.size(folder.resolve("Proj.p01"));
        assertEquals(1, rerun.filesSent(), "only the edited plan file is sent");
        assertEquals(planBytes + manifestBytes(second), rerun.bytesSent());
        assertTrue(rerun.bytesSent() <= planBytes + rerun.snapshotBytes() / 100, rerun + " is that file plus at most 1%");
        Map<String, Path> entries = entries();
        for (ProjectSnapshot snapshot : List.of(first, second)) {
            for (ProjectSnapshot.Entry entry : snapshot.entries()) {
                assertTrue(entries.containsKey(entry.sha256()), entry.path() + " of both runs is in the cache");
            }
        }
        assertEquals(5, entries.size(), "four files, and the plan file's second version");
        return List.of(whole, rerun);
    }

    /**
     * With a 1 MiB limit and three 400 KiB contents, staging the third evicts the one used least
     * recently, whatever order they first came in.
     */
    public void leastRecentlyUsedEntryIsEvictedAtTheLimit(long firstRun) throws Exception {
        Worker worker = workerWithLimitMb.apply(1);
        List<ProjectSnapshot> snapshots = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            snapshots.add(snapshot(scratch.resolve("lru-" + i), Map.of("Big.bin", random(100 + i, 400 << 10))));
        }
        String a = sha256(snapshots.get(0), "Big.bin");
        String b = sha256(snapshots.get(1), "Big.bin");
        String c = sha256(snapshots.get(2), "Big.bin");
        proven(worker, firstRun, snapshots.get(0)).close();
        proven(worker, firstRun + 1, snapshots.get(1)).close();
        Map<String, Path> entries = entries();
        // a came first and b second; a is then used again, later than b
        Files.setLastModifiedTime(entries.get(a), FileTime.from(Instant.now().minusSeconds(300)));
        Files.setLastModifiedTime(entries.get(b), FileTime.from(Instant.now().minusSeconds(200)));
        try (WorkerSession again = proven(worker, firstRun + 2, snapshots.get(0))) {
            assertEquals(0, again.staging().filesSent(), "a is still cached");
        }
        try (WorkerSession third = proven(worker, firstRun + 3, snapshots.get(2))) {
            assertEquals(1, third.staging().filesSent());
        }
        entries = entries();
        assertTrue(entries.containsKey(a), "a was used after b");
        assertFalse(entries.containsKey(b), "b, the least recently used, is evicted");
        assertTrue(entries.containsKey(c), "c, just sent");
        try (WorkerSession later = proven(worker, firstRun + 4, snapshots.get(1))) {
            assertEquals(1, later.staging().filesSent(), "b is sent again once evicted");
        }
    }

    /** Two runs staging the same project into one empty cache at once: both proven, every entry intact. */
    public void twoRunsAtOnceShareTheCacheIntact(long firstRun) throws Exception {
        Worker worker = workerWithLimitMb.apply(64);
        ProjectSnapshot snapshot = project(scratch.resolve("concurrent"), 21);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<StagingReport>> runs = List.of(() -> stageAndClose(worker, firstRun, snapshot),
                    () -> stageAndClose(worker, firstRun + 1, snapshot));
            long sent = 0;
            for (Future<StagingReport> run : pool.invokeAll(runs)) {
                sent += run.get().filesSent();
            }
            assertTrue(sent >= 4 && sent <= 8, "each content sent by one run or both: " + sent);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Path> entries = entries();
        for (ProjectSnapshot.Entry entry : snapshot.entries()) {
            assertTrue(entries.containsKey(entry.sha256()), entry.path() + " is cached");
        }
        assertEquals(0, stageAndClose(worker, firstRun + 2, snapshot).filesSent(), "a third run finds everything cached");
    }

    private static StagingReport stageAndClose(Worker worker, long runId, ProjectSnapshot snapshot) throws Exception {
        try (WorkerSession session = proven(worker, runId, snapshot)) {
            return session.staging();
        }
    }

    /**
     * A cache entry damaged on the worker (a byte changed in place) is found by the snapshot's proof,
     * removed, and sent again by the proof's second copy, which is then proven.
     */
    public void damagedEntryIsDetectedAndSentAgain(long firstRun) throws Exception {
        Worker worker = workerWithLimitMb.apply(64);
        ProjectSnapshot snapshot = project(scratch.resolve("damaged"), 31);
        stageAndClose(worker, firstRun, snapshot);
        Path geometry = entries().get(sha256(snapshot, "Proj.g01.hdf"));
        SnapshotDamage.changeAByte(geometry);
        assertFalse(sha256(snapshot, "Proj.g01.hdf").equals(ProjectSnapshot.sha256(geometry)), "the entry is damaged");
        try (WorkerSession session = proven(worker, firstRun + 1, snapshot)) {
            assertEquals(1, session.staging().filesSent(), "the damaged content is sent again, nothing else");
        }
        entries();
    }

    /**
     * For workers whose snapshots are hard links to the entries: an entry a staged snapshot holds
     * stays even when the limit is 0 and the cache is over it; the others go.
     */
    public void entryASnapshotHoldsIsNeverEvicted(long firstRun) throws Exception {
        ProjectSnapshot held = snapshot(scratch.resolve("held"), Map.of("Held.bin", random(41, 200 << 10)));
        ProjectSnapshot other = snapshot(scratch.resolve("other"), Map.of("Other.bin", random(42, 200 << 10)));
        stageAndClose(workerWithLimitMb.apply(64), firstRun, other);
        try (WorkerSession holding = proven(workerWithLimitMb.apply(64), firstRun + 1, held)) {
            ProjectSnapshot next = snapshot(scratch.resolve("next"), Map.of("Next.bin", random(43, 200 << 10)));
            try (WorkerSession staging = proven(workerWithLimitMb.apply(0), firstRun + 2, next)) {
                Map<String, Path> entries = entries();
                assertTrue(entries.containsKey(sha256(held, "Held.bin")), "held by an open run's snapshot");
                assertTrue(entries.containsKey(sha256(next, "Next.bin")), "held by the staging run's own snapshot");
                assertFalse(entries.containsKey(sha256(other, "Other.bin")), "no snapshot holds it: evicted at limit 0");
            }
            SnapshotDamage.assertProven(held, holding.snapshotHeld());
        }
    }
}
