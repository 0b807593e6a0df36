package io.rasfleet.worker.local;

import io.rasfleet.worker.WorkerRun;
import io.rasfleet.testing.Attempts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.SnapshotProof;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerUnreachableException;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.SnapshotDamage;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class LocalWorkerTest {

    @TempDir
    Path tmp;
    RasProject project;
    Path workerFolder;
    LocalWorker worker;

    ProjectSnapshot snapshot;

    /** The run as this test's server sends it, with the snapshot of the project as it is now. */
    private WorkerRun staged(long runId) {
        snapshot = ProjectSnapshot.of(project, project.planIds());
        return Attempts.run(runId, snapshot);
    }

    @BeforeEach
    void setUp() {
        project = RasProject.open(SampleProjects.muncie(tmp));
        for (String plan : List.of("p01", "p02", "p03", "p04", "p05")) {
            KeyedTextFile text = KeyedTextFile.read(project.file(plan));
            text.setAll("RASSIM Seconds", "0.5", null);
            text.save();
        }
        workerFolder = tmp.resolve("worker");
        worker = new LocalWorker(spec(true));
    }

    private WorkerSpec spec(boolean autoclean) {
        return WorkerSpecs.local("local", StandIn.rasLauncher(tmp.resolve("ras"))).cores(4, 2).priority(ProcessPriority.BELOW_NORMAL)
                .folder(workerFolder).autoclean(autoclean).build();
    }

    private PlanTask task(String plan, int attempt, List<Double> progress) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 2,
                Duration.ofMinutes(2), false, progress == null ? null : progress::add);
    }

    private ProjectSnapshot snapshot() {
        return ProjectSnapshot.of(project, project.planIds());
    }

    @Test
    void succeededPlanComesHomeVerifiedAndItsFolderIsCleaned() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(7));
             PlanExecution run = session.start(task("1", 1, progress))) {
            assertNotNull(run.process());
            outcome = Attempts.outcome(run, snapshot);
            assertTrue(Files.isDirectory(workerFolder.resolve("test-server/run-7/snapshot")));
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
        assertEquals("SUCCEEDED", outcome.verdict());
        assertEquals(java.net.InetAddress.getLocalHost().getHostName(), outcome.host(), "the machine that computed, by its name");
        assertTrue(outcome.resultDelivered());
        assertTrue(progress.contains(1.0), progress.toString());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(2, result.summary().maximumCores(), "the run's cores were written into the staged plan");
        }
        assertTrue(Files.exists(project.file("p01.computeMsgs.txt")));
        try (Stream<Path> left = Files.list(project.folder())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("rasfleet-partial")));
        }
        assertFalse(Files.exists(workerFolder.resolve("test-server/run-7")), "autoclean removed the run's folders");
        assertEquals(List.of(" 0 "), KeyedTextFile.read(project.file("p01")).values("PS Cores"), "source plan untouched");
    }

    @Test
    void forceGeompreRemovesTheStagedGeometryHdfBeforeTheRunSoHecRasMakesItAnew() throws Exception {
        Files.writeString(project.folder().resolve("Muncie.c05"), "preprocessed by the modeller");
        Files.writeString(project.folder().resolve("Muncie.g05.hdf"), "the modeller's geometry tables");
        PlanId id = PlanId.parse("1");
        for (boolean force : List.of(false, true)) {
            PlanTask clearing = new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), force ? 2 : 1, 2,
                    Duration.ofMinutes(2), true, null, null, null, null, force, false);
            AttemptOutcome outcome;
            try (WorkerSession session = worker.open(staged(7)); PlanExecution run = session.start(clearing)) {
                outcome = Attempts.outcome(run, snapshot);
            }
            assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
            assertTrue(outcome.messages().contains("Geometric Preprocessor"), "the cleared .c05 made HEC-RAS preprocess");
            assertEquals(force, outcome.messages().contains("Geometry HDF file not found, creating Muncie.g05.hdf"),
                    (force ? "forceGeompre" : "clearGeompre alone") + ": " + outcome.messages());
        }
        assertEquals("the modeller's geometry tables", Files.readString(project.folder().resolve("Muncie.g05.hdf")),
                "without copyGeometryOutputs the project keeps its own");
    }

    @Test
    void modelFailureIsNotDeliveredAndSaysWhy() throws Exception {
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(7)); PlanExecution run = session.start(task("4", 1, null))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.MODEL_FAILED, outcome.kind());
        assertEquals("FAILED", outcome.verdict());
        assertTrue(outcome.reason().contains("Went Unstable"), outcome.reason());
        assertFalse(outcome.resultDelivered());
        assertFalse(Files.exists(project.file("p04.hdf")));
        assertTrue(outcome.messages().contains("ERROR"), "the messages are kept with the attempt");
    }

    @Test
    void stopEndsThePlanAndKeepsNothing() throws Exception {
        KeyedTextFile text = KeyedTextFile.read(project.file("p02"));
        text.setAll("RASSIM Outcome", "hang", null);
        text.save();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(7)); PlanExecution run = session.start(task("2", 1, null))) {
            io.rasfleet.testing.Await.until("plan 02 computing", Duration.ofMinutes(1), () -> standInIn("run-7"), Boolean::booleanValue);
            run.stop("stopped by alice");
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, outcome.kind());
        assertEquals("stopped by alice", outcome.reason());
        assertFalse(Files.exists(project.file("p02.hdf")));
    }

    @Test
    void aPlanProcessKilledFromOutsideIsAMachineFailureWorthAnotherWorker() throws Exception {
        KeyedTextFile text = KeyedTextFile.read(project.file("p03"));
        text.setAll("RASSIM Seconds", "20", null);
        text.save();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(9)); PlanExecution run = session.start(task("3", 1, null))) {
            io.rasfleet.testing.Later killer = io.rasfleet.testing.Later.when("plan 03 computing", Duration.ofMinutes(1),
                    () -> standInIn("run-9"), () -> {
                List<Long> pids = io.rasfleet.testing.Processes.mentioning("io.rasfleet.sim.RasSim", workerFolder.resolve("test-server/run-9").toString());
                assertEquals(1, pids.size(), io.rasfleet.testing.Processes.describe(pids));
                ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
            });
            outcome = Attempts.outcome(run, snapshot);
            killer.join();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("HEC-RAS was killed"), outcome.reason());
        assertFalse(Files.exists(project.file("p03.hdf")));
    }

    @Test
    void autocleanOffKeepsTheWorkingFolders() throws Exception {
        worker = new LocalWorker(spec(false));
        try (WorkerSession session = worker.open(staged(8)); PlanExecution run = session.start(task("3", 2, null))) {
            Attempts.outcome(run, snapshot);
        }
        assertTrue(Files.exists(workerFolder.resolve("test-server/run-8/p03-a2/Muncie.p03.hdf")));
        try (Stream<Path> files = Files.list(workerFolder.resolve("test-server/run-8/p03-a2"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.contains("Muncie.p01"), "only the plan's own files are staged: " + names);
        }
    }

    @Test
    void checkSaysWhatWasCheckedInWords() {
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("worker_folder"), report.summary());
        CheckReport broken = new LocalWorker(WorkerSpecs.local("bad", tmp.resolve("no/Ras.exe")).folder(workerFolder).build()).check();
        assertFalse(broken.ok());
        assertTrue(broken.summary().contains("FAILED: ras_exe_path - " + tmp.resolve("no/Ras.exe") + " does not exist"),
                broken.summary());
    }

    /** Whether the stand-in computes in a folder of this test server's run. */
    private boolean standInIn(String run) throws java.io.IOException {
        return !io.rasfleet.testing.Processes.mentioning("io.rasfleet.sim.RasSim", workerFolder.resolve("test-server").resolve(run)
                .toString()).isEmpty();
    }

    private static boolean running(Path folder) {
        try {
            return !io.rasfleet.testing.Processes.mentioning(folder.toString()).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void endAbandonedEndsOnlyWhatThisServerLeftInItsOwnFoldersAndSparesItsLiveAttempts() throws Exception {
        Path ours = workerFolder.resolve("test-server/run-3/p01-a1");
        Path live = workerFolder.resolve("test-server/run-3/p02-a1");
        Path peers = workerFolder.resolve("test-serve/run-3/p01-a1");
        for (Path folder : List.of(ours, live, peers)) {
            // a plan process whose server died: its parent is gone, its command line names its folder
            new ProcessBuilder("sh", "-c", "sh -c 'while :; do sleep 1; done' '" + folder + "' >/dev/null 2>&1 &").start().waitFor();
        }
        try {
            io.rasfleet.testing.Await.until("the orphans run", Duration.ofSeconds(10), () -> running(ours) && running(live) && running(peers),
                    Boolean::booleanValue);
            // the peer restarts first: its name is a prefix of ours, and ours must survive it
            assertEquals(1, worker.endAbandoned("test-serve", Attempts.NONE_LIVE), "the peer ends its own orphan");
            assertTrue(running(ours), "ours is left alone by the peer");
            assertEquals(List.of(), io.rasfleet.testing.Processes.mentioning(peers.toString()));
            // a run restarted just after boot has attempt p02-a1 live while the clean-up runs
            assertEquals(1, worker.endAbandoned(Attempts.SERVER, new io.rasfleet.worker.AttemptRef(Attempts.SERVER, 3, "p02-a1")::covers));
            assertEquals(List.of(), io.rasfleet.testing.Processes.mentioning(ours.toString()), "ours is ended");
            assertTrue(running(live), "the live attempt's process is spared");
        } finally {
            worker.endAbandoned("test-serve", Attempts.NONE_LIVE);
            worker.endAbandoned(Attempts.SERVER, Attempts.NONE_LIVE);
        }
    }

    @Test
    void theCopyIsProvenBySizeAndHashAndDamageToItIsNamedFileByFile() throws Exception {
        ProjectSnapshot snapshot = snapshot();
        try (WorkerSession session = worker.open(Attempts.run(11, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            List<String> damaged = SnapshotDamage.damage(workerFolder.resolve("test-server/run-11/snapshot"), snapshot);
            SnapshotDamage.assertDamageShown(snapshot, session.snapshotHeld(), damaged);
        }
    }

    /** The local worker, whose copy is damaged from outside after each of its first {@code damagedOpenings} openings. */
    private Worker damagedOnOpening(int damagedOpenings, List<String> damaged) {
        return new Worker() {
            int openings;

            @Override
            public WorkerSpec spec() {
                return worker.spec();
            }

            @Override
            public CheckReport check() {
                return worker.check();
            }

            @Override
            public String host() {
                return worker.host();
            }

            @Override
            public int endAbandoned(String server, java.util.function.Predicate<io.rasfleet.worker.AttemptRef> live) {
                return worker.endAbandoned(server, live);
            }

            @Override
            public int endAttempt(io.rasfleet.worker.AttemptRef attempt) {
                return worker.endAttempt(attempt);
            }

            @Override
            public WorkerSession open(WorkerRun run) throws WorkerException {
                WorkerSession session = worker.open(run);
                if (++openings <= damagedOpenings) {
                    try {
                        Path copy = workerFolder.resolve(run.server() + "/run-" + run.runId() + "/snapshot");
                        damaged.add(SnapshotDamage.victims(run.snapshot()).get(1));
                        SnapshotDamage.cutShort(copy.resolve(damaged.get(damaged.size() - 1)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return session;
            }
        };
    }

    @Test
    void aCopyDamagedOnArrivalIsSentAgainAndThePlanRunsOnTheProvenOne() throws Exception {
        List<String> damaged = new ArrayList<>();
        AttemptOutcome outcome;
        ProjectSnapshot sent = snapshot();
        try (WorkerSession session = SnapshotProof.open(damagedOnOpening(1, damaged), Attempts.run(12, sent));
             PlanExecution run = session.start(task("1", 1, null))) {
            assertEquals(1, damaged.size(), "the first copy was damaged");
            SnapshotDamage.assertProven(sent, ProjectSnapshot.filesUnder(workerFolder.resolve("test-server/run-12/snapshot")));
            outcome = Attempts.outcome(run, sent);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
    }

    @Test
    void aWorkerThatKeepsDamagingItsCopyIsUnreachableAndKeepsNothing() {
        List<String> damaged = new ArrayList<>();
        WorkerException e = assertThrows(WorkerException.class, () -> SnapshotProof.open(damagedOnOpening(2, damaged),
                Attempts.run(13, snapshot())));
        assertEquals(2, damaged.size(), "sent twice");
        assertTrue(WorkerUnreachableException.in(e), "the batch layer marks the worker unhealthy: " + e);
        assertTrue(e.getMessage().startsWith("worker local received run 13's project snapshot damaged twice: " + damaged.get(0)
                + " has "), e.getMessage());
        assertFalse(Files.exists(workerFolder.resolve("test-server/run-13")), "the damaged copy was closed and cleaned");
    }

    /**
     * HEC-RAS installed the way HEC's installers lay it out, one folder per version under
     * {@code root}, each version's program noting in {@code ran} that it was the one started.
     */
    private Path installs(Path root, Path ran, String... versions) throws Exception {
        Path standIn = StandIn.rasLauncher(tmp.resolve("ras"));
        for (String version : versions) {
            Path program = Files.createDirectories(root.resolve(version)).resolve("Ras");
            Files.writeString(program, "#!/bin/sh\necho '" + version + "' >> '" + ran + "'\nexec '" + standIn + "' \"$@\"\n");
            Files.setPosixFilePermissions(program, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(root.resolve("Documentation"));
        return root;
    }

    private LocalWorker byVersion(String version, Path root) {
        WorkerSpec spec = WorkerSpecs.of("by-version", new LocalSettings(null, version, root.toString(), false)).cores(4, 2)
                .folder(workerFolder).build();
        spec.settings().validate(spec.name());
        return new LocalWorker(spec);
    }

    private AttemptOutcome runPlanOne(LocalWorker on) throws Exception {
        try (WorkerSession session = on.open(staged(7)); PlanExecution run = session.start(task("1", 1, null))) {
            return Attempts.outcome(run, snapshot);
        }
    }

    @Test
    void withoutProgramOrVersionEachPlanRunsOnTheHecRasItsProgramVersionNames() throws Exception {
        Path ran = tmp.resolve("ran.txt");
        Path root = installs(tmp.resolve("HEC-RAS"), ran, "6.4.1", "6.5", "6.6");
        LocalWorker worker = byVersion(null, root);

        AttemptOutcome outcome = runPlanOne(worker);

        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
        assertEquals(List.of("6.5"), Files.readAllLines(ran), "plan 01 says Program Version=6.50");
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("ok: ras_version - each plan runs on the HEC-RAS version its Program Version"
                + " names; installed: " + root + " (6.4.1, 6.5, 6.6)"), report.summary());
    }

    @Test
    void rasVersionOverridesThePlansVersionAndCheckNamesTheProgramFound() throws Exception {
        Path ran = tmp.resolve("ran.txt");
        Path root = installs(tmp.resolve("HEC-RAS"), ran, "6.5", "6.6");
        LocalWorker worker = byVersion("66", root);

        assertEquals(AttemptOutcome.Kind.SUCCEEDED, runPlanOne(worker).kind());
        assertEquals(List.of("6.6"), Files.readAllLines(ran));
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("ok: ras_version - HEC-RAS 6.6 is " + root.resolve("6.6")), report.summary());
    }

    @Test
    void aVersionNotInstalledFailsTheCheckAndThePlanNamingTheFoldersLookedIn() throws Exception {
        Path root = installs(tmp.resolve("HEC-RAS"), tmp.resolve("ran.txt"), "6.5", "6.6");
        Path missing = tmp.resolve("nothing-here");

        CheckReport report = byVersion("7.0", root).check();
        assertFalse(report.ok());
        assertTrue(report.summary().contains("FAILED: ras_version - HEC-RAS 7.0 was not found; looked in " + root
                + " (6.5, 6.6)"), report.summary());
        assertTrue(byVersion("6.6", missing).check().summary().contains("looked in " + missing + " (no HEC-RAS there)"));

        KeyedTextFile plan = KeyedTextFile.read(project.file("p01"));
        plan.setAll("Program Version", "6.10", null);
        plan.save();
        project = RasProject.open(project.projectFile());
        LocalWorker worker = byVersion(null, root);
        try (WorkerSession session = worker.open(staged(7))) {
            WorkerException e = assertThrows(WorkerException.class, () -> session.start(task("1", 1, null)));
            assertEquals("worker by-version: HEC-RAS 6.1 (the plan's Program Version 6.10) is not installed; looked in " + root
                    + " (6.5, 6.6)", e.getMessage());
        }
        assertFalse(Files.exists(workerFolder.resolve("test-server/run-7/p01-a1")), "nothing staged for a plan that cannot run");
    }

    @Test
    void aPlansFolderSharesTheSnapshotsTerrainAndCopiesTheGeometryHdfWhichHecRasWrites() throws Exception {
        Path terrain = project.folder().resolve("Terrain/Terrain.tif");
        Files.createDirectories(terrain.getParent());
        Files.write(terrain, io.rasfleet.testing.CacheScenarios.random(7, 2 << 20));
        PlanId id = PlanId.parse("1");
        String geometryHdf = project.name() + "." + project.plan(id).geometry() + ".hdf";
        if (!Files.exists(project.folder().resolve(geometryHdf))) {
            Files.write(project.folder().resolve(geometryHdf), io.rasfleet.testing.CacheScenarios.random(8, 64 << 10));
        }
        ProjectSnapshot whole = new ProjectSnapshot(project.folder(), project.name(),
                List.copyOf(ProjectSnapshot.filesUnder(project.folder()).values()));
        List<String> files = new ArrayList<>(project.filesFor(id).files());
        assertTrue(files.contains(geometryHdf), files.toString());
        files.add("Terrain/Terrain.tif");
        PlanTask task = new PlanTask(7, project.plan(id), project.name(), files, 1, 2, Duration.ofMinutes(2), false, null);
        Path runFolder = workerFolder.resolve("test-server/run-9");
        try (WorkerSession session = worker.open(Attempts.run(9, whole)); PlanExecution run = session.start(task)) {
            Path snapshotFolder = runFolder.resolve("snapshot");
            Path planFolder = runFolder.resolve(task.folderName());
            assertTrue(Files.isSameFile(snapshotFolder.resolve("Terrain/Terrain.tif"), planFolder.resolve("Terrain/Terrain.tif")),
                    "the terrain is the snapshot's own file, not a copy");
            assertFalse(Files.isSameFile(snapshotFolder.resolve(geometryHdf), planFolder.resolve(geometryHdf)),
                    "the geometry HDF, which the preprocessor rewrites, is a copy");
            assertEquals(-1L, Files.mismatch(snapshotFolder.resolve(geometryHdf), planFolder.resolve(geometryHdf)));
            Attempts.outcome(run, whole);
            SnapshotDamage.assertProven(whole, session.snapshotHeld());
        }
    }
}
