package io.rasfleet.worker.ssh;

import io.rasfleet.worker.WorkerRun;
import io.rasfleet.testing.Attempts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.ResultFile;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.Verdict;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.Later;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.SnapshotDamage;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The SSH worker against a real OpenSSH server on loopback, the stand-in as the remote Linux engine. */
@EnabledOnOs(OS.LINUX)
class SshWorkerTest {

    @TempDir
    static Path tmp;
    static Sshd sshd;
    static RasProject project;
    static Path engine;

    ProjectSnapshot snapshot;

    /** The run as this test's server sends it, with the snapshot of the project as it is now. */
    private WorkerRun staged(long runId) {
        snapshot = ProjectSnapshot.of(project, project.planIds());
        return Attempts.run(runId, snapshot);
    }

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = Sshd.start(tmp.resolve("sshd"));
        project = RasProject.open(SampleProjects.muncieForLinux(tmp, tmp.resolve("scratch"), 1, "1", "2", "4"));
        engine = StandIn.linuxEngine(tmp.resolve("engine with space"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    static WorkerSpec spec(String folder, String knownHosts, String fingerprint, boolean autoclean) {
        return spec(folder, knownHosts, fingerprint, autoclean, engine);
    }

    static WorkerSpec spec(String folder, String knownHosts, String fingerprint, boolean autoclean, Path engine) {
        return WorkerSpecs.of("linux1", settings(knownHosts, fingerprint, engine.toString())).cores(2, 1)
                .priority(io.rasfleet.engine.ProcessPriority.BELOW_NORMAL).folder(folder).autoclean(autoclean).build();
    }

    static SshSettings settings(String knownHosts, String fingerprint, String enginePath) {
        return new SshSettings("127.0.0.1", sshd.port(), sshd.user(), new SshLogin(sshd.userKey().toString(), knownHosts, fingerprint,
                null), enginePath, null, null, false);
    }

    static SshWorker worker(Path folder) {
        return new SshWorker(spec(folder.toString(), sshd.knownHosts().toString(), null, true));
    }

    PlanTask task(String plan, List<Double> progress, Duration limit) {
        return task(plan, 1, progress, limit);
    }

    PlanTask task(String plan, int attempt, List<Double> progress, Duration limit) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 1, limit, false,
                progress == null ? null : progress::add);
    }

    /** The stand-in computes plan 02 on the host: it is running there and its compute messages show progress. */
    private static boolean computing(List<Double> progress) throws java.io.IOException {
        return progress.stream().anyMatch(p -> p > 0) && !Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf").isEmpty();
    }

    @Test
    void checkSaysWhatItReachedInWords() {
        CheckReport report = worker(tmp.resolve("check")).check();
        assertTrue(report.ok(), report.summary());
        for (String item : List.of("host", "authentication", "worker_folder", "ras_engine_path", "process_priority", "free disk")) {
            assertTrue(report.summary().contains("ok: " + item + " - "), item + " in " + report.summary());
        }
        CheckReport noEngine = new SshWorker(WorkerSpecs.of("linux2", settings(sshd.knownHosts().toString(), null, "/nowhere/ras"))
                .folder(tmp.resolve("check")).build()).check();
        assertTrue(noEngine.summary().contains("FAILED: ras_engine_path - /nowhere/ras/RasUnsteady is not an executable program"),
                noEngine.summary());
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprintAndAPinnedOneIsAccepted() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        String fingerprint = sshd.hostFingerprint();
        CheckReport refused = new SshWorker(spec(tmp.resolve("k").toString(), empty.toString(), null, true)).check();
        assertFalse(refused.ok());
        assertTrue(refused.summary().contains("FAILED: host key - ") && refused.summary().contains(fingerprint)
                && refused.summary().contains("is unknown"), refused.summary());

        Path changed = Files.writeString(tmp.resolve("changed_known_hosts"), "[127.0.0.1]:" + sshd.port()
                + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
        CheckReport changedKey = new SshWorker(spec(tmp.resolve("k").toString(), changed.toString(), null, true)).check();
        assertTrue(changedKey.summary().contains("CHANGED") && changedKey.summary().contains(fingerprint), changedKey.summary());

        CheckReport pinned = new SshWorker(spec(tmp.resolve("k").toString(), empty.toString(), fingerprint, true)).check();
        assertTrue(pinned.ok(), pinned.summary());
        CheckReport wrongPin = new SshWorker(spec(tmp.resolve("k").toString(), empty.toString(),
                "SHA256:" + "A".repeat(43), true)).check();
        assertTrue(wrongPin.summary().contains("is not the pinned host_key_fingerprint"), wrongPin.summary());
    }

    @Test
    void planRunsOverSshAndItsVerifiedResultComesHome() throws Exception {
        Path folder = tmp.resolve("workers/it's $(touch pwned) `x`; folder");
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = worker(folder).open(staged(7));
             PlanExecution run = session.start(task("1", progress, Duration.ofMinutes(2)))) {
            assertTrue(Files.isDirectory(folder.resolve("test-server/run-7/snapshot")), "the snapshot went up once for the run");
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals("127.0.0.1", outcome.host());
        assertTrue(outcome.resultDelivered());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores(), "the attempt's cores were written into the plan on the host");
        }
        assertTrue(progress.stream().anyMatch(p -> p > 0), "progress was followed: " + progress);
        assertFalse(Files.exists(folder.resolve("test-server/run-7")), "autoclean removed the run's folders on the host");
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "pwned")) || Files.exists(folder.resolve("pwned"))
                || Files.exists(Path.of("pwned")), "no shell word ran");
    }

    /**
     * Exit 127 (126) is the shell's or {@code nice}'s "not found" ("not executable"): the model
     * never ran, so the worker is at fault and the plan goes to another one, not judged a model
     * failure that no retry may touch.
     */
    @Test
    void anEngineProgramMissingOnTheHostIsAMachineFailureNotAModelOne() throws Exception {
        Path noEngine = Files.createDirectories(tmp.resolve("engine folder without programs"));
        AttemptOutcome outcome;
        try (WorkerSession session = new SshWorker(spec(tmp.resolve("w127").toString(), sshd.knownHosts().toString(), null, true,
                noEngine)).open(staged(27));
             PlanExecution run = session.start(task("1", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(127, outcome.exitCode());
        assertTrue(outcome.reason().contains("127") && outcome.reason().contains("not found"), outcome.reason());
        assertFalse(outcome.resultDelivered());
    }

    @Test
    void modelFailureOnTheLinuxEngineIsNotASuccessWhateverTheExitCode() throws Exception {
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("w4")).open(staged(8));
             PlanExecution run = session.start(task("4", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.MODEL_FAILED, outcome.kind(), outcome.reason());
        assertEquals(0, outcome.exitCode(), "RasUnsteady exits 0 after a failed solve");
        assertTrue(outcome.reason().contains("Went Unstable"), outcome.reason());
        assertFalse(Files.exists(project.file("p04.hdf")));
    }

    @Test
    void timeLimitEndsTheRemoteProcessTreeAndCleansItsFolder() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        Path folder = tmp.resolve("hang");
        AttemptOutcome outcome;
        try (WorkerSession session = worker(folder).open(staged(9));
             PlanExecution run = session.start(task("2", null, Duration.ofSeconds(6)))) {
            outcome = Attempts.outcome(run, snapshot);
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("time limit"), outcome.reason());
        assertEquals(List.of(), Processes.mentioning(engine.toString(), "Muncie.p02.tmp.hdf"), "no launcher is left on the host");
        assertEquals(List.of(), Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"), "no engine is left");
        assertFalse(Files.exists(folder.resolve("test-server/run-9")));
    }

    @Test
    void plansADeadServerLeftRunningAreEndedOnTheHostAndAPeersAndALiveAttemptsAreNot() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        Path folder = tmp.resolve("abandoned");
        SshWorker worker = worker(folder);
        List<Double> progress = new CopyOnWriteArrayList<>();
        List<Double> liveProgress = new CopyOnWriteArrayList<>();
        WorkerRun run13 = staged(13);
        // a run restarted just after boot: its attempt 2 is live while the start-up clean-up runs
        AttemptRef live = run13.attempt("p02-a2");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(run13);
             PlanExecution run = session.start(task("2", 1, progress, Duration.ofMinutes(2)));
             PlanExecution liveRun = session.start(task("2", 2, liveProgress, Duration.ofMinutes(2)))) {
            java.util.concurrent.CompletableFuture<AttemptOutcome> liveOutcome = Attempts.outcomeLater(liveRun, snapshot);
            Later killer = Later.when("both attempts of plan 02 computing on the host", Duration.ofMinutes(1),
                    () -> computing(progress) && computing(liveProgress), () -> {
                // a peer server (its name a prefix of ours) restarting leaves our plans alone
                assertEquals(0, worker.endAbandoned("test-serve", Attempts.NONE_LIVE), "another server's restart ends none of our processes");
                assertTrue(worker.endAbandoned(Attempts.SERVER, live::covers) >= 1, "the plan's processes were ended");
            });
            outcome = Attempts.outcome(run, snapshot);
            killer.join();
            assertFalse(Processes.workingIn(folder.resolve("test-server/run-13/p02-a2")).isEmpty(), "the live attempt computes on");
            assertEquals(List.of(), Processes.workingIn(folder.resolve("test-server/run-13/p02-a1")));
            liveRun.stop("the test is over");
            AttemptOutcome stopped = liveOutcome.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), "the live attempt ran until its own stop: " + stopped.reason());
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("killed"), outcome.reason());
        assertEquals(List.of(), Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"));
    }


    /**
     * The app server dies with the attempt's work on the host: every connection to the host drops at
     * once (sshd's processes for them killed, as a dead JVM's sockets end them), and nothing of the
     * server closes or cleans up. What the connections launched is left as a dead server leaves it.
     */
    private static void serverDies() throws Exception {
        long listener = Long.parseLong(Files.readString(tmp.resolve("sshd/sshd.pid")).strip());
        ProcessHandle.of(listener).orElseThrow().descendants()
                .filter(p -> p.info().command().map(c -> c.equals(Sshd.SSHD.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** The previous life: a session launches {@code task} and the server dies once {@code launched} holds. */
    private PlanExecution launchedBeforeTheServerDied(SshWorker worker, WorkerRun run, PlanTask task, Await.Probe<Boolean> launched)
            throws Exception {
        WorkerSession firstLife = worker.open(run);
        PlanExecution execution = firstLife.start(task);
        java.util.concurrent.CompletableFuture<AttemptOutcome> followed = Attempts.outcomeLater(execution, snapshot);
        Await.until("the attempt launched on the host", Duration.ofMinutes(1), launched, Boolean::booleanValue);
        serverDies();
        AttemptOutcome cut = followed.get(1, java.util.concurrent.TimeUnit.MINUTES);
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, cut.kind(), "the first life lost its connection: " + cut.reason());
        return execution;
    }

    private static long launches(Path recording) throws java.io.IOException {
        Path steps = recording.resolve("steps.txt");
        return Files.exists(steps) ? Files.readAllLines(steps).stream().filter(l -> l.startsWith("RasUnsteady ")).count() : 0;
    }

    /**
     * As {@link #recordingEngine} (exit 0), and {@code RasUnsteady} prints a line a second while the
     * stand-in computes, as the real engine prints its progress: a write to a pipe whose reader is
     * gone kills it (SIGPIPE).
     */
    static Path printingEngine(Path folder) throws java.io.IOException {
        Path recording = recordingEngine(folder, 0);
        Path script = Files.writeString(recording.resolve("RasUnsteady"), "#!/bin/sh\n"
                + "echo \"RasUnsteady $* LD_LIBRARY_PATH=$LD_LIBRARY_PATH\" >> '" + folder.resolve("steps.txt") + "'\n"
                + "'" + folder.resolve("stand-in/RasUnsteady") + "' \"$@\" & p=$!\n"
                + "while kill -0 $p 2>/dev/null; do echo computing; sleep 1; done\n"
                + "wait $p\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return recording;
    }

    @Test
    void anAttemptComputingWhenTheServerDiedIsAdoptedByItsNextLifeAndComesHomeLaunchedOnce() throws Exception {
        Path recording = printingEngine(tmp.resolve("engine-adopt"));
        Path folder = tmp.resolve("adopt");
        WorkerSpec spec = spec(folder.toString(), sshd.knownHosts().toString(), null, true, recording);
        PlanLine seconds = PlanLine.set(project.file("p02"), "RASSIM Seconds", "20");
        Files.deleteIfExists(project.file("p02.hdf"));
        AttemptOutcome outcome;
        List<Double> progress = new CopyOnWriteArrayList<>();
        try {
            WorkerRun run = staged(31);
            List<Double> before = new CopyOnWriteArrayList<>();
            launchedBeforeTheServerDied(new SshWorker(spec), run, task("2", before, Duration.ofMinutes(3)), () -> computing(before));
            Thread.sleep(2_000);
            assertFalse(Processes.workingIn(folder.resolve("test-server/run-31/p02-a1")).isEmpty(),
                    "the plan computes on with the connection that launched it gone");
            try (WorkerSession nextLife = new SshWorker(spec).open(run)) {
                PlanExecution adopted = nextLife.adopt(task("2", progress, Duration.ofMinutes(3)))
                        .orElseThrow(() -> new AssertionError("the attempt computing on the host was not found"));
                try (adopted) {
                    outcome = Attempts.outcome(adopted, snapshot);
                }
            }
        } finally {
            seconds.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.resultDelivered());
        assertEquals(Integer.valueOf(0), outcome.exitCode(), "the exit code the launch kept on the host");
        assertEquals(1, launches(recording), "launched once, by the first life");
        assertTrue(progress.stream().anyMatch(p -> p > 0), "the next life followed the progress: " + progress);
        assertTrue(outcome.messages().contains("RasUnsteady on 127.0.0.1 printed"), "what the engine printed is kept: " + outcome.messages());
        assertFalse(Files.exists(folder.resolve("test-server/run-31")), "the attempt's and the run's folders were cleaned as after a start");
    }

    @Test
    void anAttemptThatEndedWhileTheServerWasDownComesHomeWithItsExitCodeWithoutComputingAgain() throws Exception {
        Path recording = recordingEngine(tmp.resolve("engine-ended"), 0);
        Path folder = tmp.resolve("ended");
        WorkerSpec spec = spec(folder.toString(), sshd.knownHosts().toString(), null, true, recording);
        PlanLine seconds = PlanLine.set(project.file("p02"), "RASSIM Seconds", "4");
        Files.deleteIfExists(project.file("p02.hdf"));
        Path attempt = folder.resolve("test-server/run-32/p02-a2");
        AttemptOutcome outcome;
        try {
            WorkerRun run = staged(32);
            launchedBeforeTheServerDied(new SshWorker(spec), run, task("2", 2, null, Duration.ofMinutes(2)),
                    () -> launches(recording) == 1);
            Await.until("the plan ended on the host while no server followed it", Duration.ofMinutes(1),
                    () -> Files.exists(attempt.resolve(".rasfleet-exit")), Boolean::booleanValue);
            try (WorkerSession nextLife = new SshWorker(spec).open(run);
                 PlanExecution adopted = nextLife.adopt(task("2", 2, null, Duration.ofMinutes(2)))
                         .orElseThrow(() -> new AssertionError("the ended attempt's folder was not found"))) {
                outcome = Attempts.outcome(adopted, snapshot);
            }
        } finally {
            seconds.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(Integer.valueOf(0), outcome.exitCode(), "the exit code the launch kept on the host");
        assertTrue(Files.exists(project.file("p02.hdf")), "the result came home");
        assertEquals(1, launches(recording), "nothing computed again");
        assertFalse(Files.exists(folder.resolve("test-server/run-32")));
    }

    @Test
    void anAttemptOfWhichNothingIsLeftIsNotAdopted() throws Exception {
        Path folder = tmp.resolve("nothing-left");
        SshWorker worker = worker(folder);
        try (WorkerSession session = worker.open(staged(33))) {
            assertTrue(session.adopt(task("2", 1, null, Duration.ofMinutes(2))).isEmpty(), "no folder of the attempt on the host");
            // the server died between copying the snapshot into the attempt's folder and launching
            Path unlaunched = Files.createDirectories(folder.resolve("test-server/run-33/p02-a2"));
            Files.writeString(unlaunched.resolve("Muncie.p02"), "copied, never launched");
            assertTrue(session.adopt(task("2", 2, null, Duration.ofMinutes(2))).isEmpty(), "nothing was launched in it");
            assertFalse(Files.exists(unlaunched), "the never launched attempt's folder is removed");
        }
    }

    @Test
    void anAdoptedAttemptsTimeLimitCountsFromItsLaunchNotFromItsAdoption() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        Path folder = tmp.resolve("adopt-limit");
        SshWorker worker = worker(folder);
        Duration limit = Duration.ofSeconds(20);
        AttemptOutcome outcome;
        Duration followed;
        try {
            WorkerRun run = staged(35);
            List<Double> before = new CopyOnWriteArrayList<>();
            launchedBeforeTheServerDied(worker, run, task("2", before, limit), () -> computing(before));
            Thread.sleep(10_000);
            try (WorkerSession nextLife = new SshWorker(worker.spec()).open(run)) {
                java.time.Instant adoptedAt = java.time.Instant.now();
                try (PlanExecution adopted = nextLife.adopt(task("2", null, limit))
                        .orElseThrow(() -> new AssertionError("the hanging attempt was not found"))) {
                    outcome = Attempts.outcome(adopted, snapshot);
                }
                followed = Duration.between(adoptedAt, java.time.Instant.now());
            }
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("time limit of 20 s"), outcome.reason());
        assertTrue(followed.compareTo(Duration.ofSeconds(15)) < 0, "launched more than 10 s before its adoption, it had less than"
                + " 10 s of its 20 s left, and was followed " + followed.toMillis() + " ms");
        assertEquals(List.of(), Processes.workingIn(folder.resolve("test-server/run-35/p02-a1")), "the time limit ended it");
    }

    @Test
    void stoppingAnAdoptedAttemptEndsItsProgramsOnTheHost() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        Path folder = tmp.resolve("adopt-stop");
        SshWorker worker = worker(folder);
        Path attempt = folder.resolve("test-server/run-34/p02-a1");
        AttemptOutcome outcome;
        try {
            WorkerRun run = staged(34);
            List<Double> before = new CopyOnWriteArrayList<>();
            launchedBeforeTheServerDied(worker, run, task("2", before, Duration.ofMinutes(3)), () -> computing(before));
            try (WorkerSession nextLife = new SshWorker(worker.spec()).open(run);
                 PlanExecution adopted = nextLife.adopt(task("2", null, Duration.ofMinutes(3)))
                         .orElseThrow(() -> new AssertionError("the hanging attempt was not found"))) {
                outcome = Attempts.stoppedWhileFollowed(adopted, snapshot);
                Await.until("nothing of the adopted attempt running on the host", Duration.ofSeconds(10),
                        () -> Processes.workingIn(attempt), List::isEmpty);
            }
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, outcome.kind(), outcome.reason());
        assertEquals(List.of(), Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"), "no engine is left");
        assertFalse(Files.exists(folder.resolve("test-server/run-34")));
    }


    /**
     * An engine folder whose programs write what they were called with (and the engine libraries
     * they were given) to {@code steps.txt}, run the stand-in, then exit with {@code unsteadyExit}.
     */
    static Path recordingEngine(Path folder, int unsteadyExit) throws java.io.IOException {
        Path standIn = StandIn.linuxEngine(folder.resolve("stand-in"));
        Files.createDirectories(folder.resolve("libs"));
        for (String program : List.of("RasGeomPreprocess", "RasUnsteady")) {
            Path script = Files.writeString(folder.resolve(program), "#!/bin/sh\n"
                    + "echo \"" + program + " $* LD_LIBRARY_PATH=$LD_LIBRARY_PATH\" >> '" + folder.resolve("steps.txt") + "'\n"
                    + "'" + standIn.resolve(program) + "' \"$@\" || exit $?\n"
                    + "exit " + (program.equals("RasUnsteady") ? unsteadyExit : 0) + "\n");
            Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return folder;
    }

    @Test
    void clearedGeometryIsPreprocessedBeforeTheUnsteadyRunWithTheEngineLibrariesAndTheComputeFileComesHome() throws Exception {
        Path recording = recordingEngine(tmp.resolve("engine-steps"), 0);
        SshWorker worker = new SshWorker(spec(tmp.resolve("steps").toString(), sshd.knownHosts().toString(), null, true, recording));
        PlanId id = PlanId.parse("1");
        PlanTask clearing = new PlanTask(14, project.plan(id), project.name(), project.filesFor(id).files(), 1, 1,
                Duration.ofMinutes(2), true, null);
        Files.deleteIfExists(project.file("p01.hdf"));
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(14));
             PlanExecution run = session.start(clearing)) {
            outcome = Attempts.outcome(run, snapshot);
        }
        String libraries = recording + "/libs:" + recording + "/libs/mkl:" + recording + "/libs/rhel_8";
        List<String> steps = Files.readAllLines(recording.resolve("steps.txt"));
        assertEquals(2, steps.size(), steps.toString());
        assertTrue(steps.get(0).startsWith("RasGeomPreprocess Muncie.p01.tmp.hdf x05 LD_LIBRARY_PATH=" + libraries), steps.get(0));
        assertTrue(steps.get(1).startsWith("RasUnsteady Muncie.p01.tmp.hdf x05 LD_LIBRARY_PATH=" + libraries), steps.get(1));
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.resultDelivered());
        assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(project.file("p01.hdf"), RunEvidence.none()).state(),
                "the compute file came home as Muncie.p01.hdf");
    }

    @Test
    void theGeometryPreprocessorsOutputsComeHomeOverSshWithTheResultAndOnlyWhenAsked() throws Exception {
        PlanId id = PlanId.parse("1");
        Path geometryHdf = project.folder().resolve("Muncie.g05.hdf");
        Path preprocessed = project.folder().resolve("Muncie.c05");
        try {
            for (boolean copy : List.of(false, true)) {
                PlanTask clearing = new PlanTask(16, project.plan(id), project.name(), project.filesFor(id).files(), copy ? 2 : 1, 1,
                        Duration.ofMinutes(2), true, null, null, null, null, false, copy);
                AttemptOutcome outcome;
                try (WorkerSession session = worker(tmp.resolve("geometry")).open(staged(16));
                     PlanExecution run = session.start(clearing)) {
                    outcome = Attempts.outcome(run, snapshot);
                }
                assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
                assertEquals(copy, Files.isRegularFile(geometryHdf), "Muncie.g05.hdf home: " + outcome.reason());
                assertEquals(copy, Files.isRegularFile(preprocessed), "Muncie.c05 home: " + outcome.reason());
            }
            try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(geometryHdf)) {
                assertEquals("HEC-RAS Geometry", hdf.getAttribute("File Type").getData(), "RasGeomPreprocess's own geometry HDF");
            }
        } finally {
            // the project is shared by this class's tests, whose snapshots must not grow
            Files.deleteIfExists(geometryHdf);
            Files.deleteIfExists(preprocessed);
        }
    }

    @Test
    void aComputeStepThatFailsBringsNothingHomeEvenWithAFinishedComputeFile() throws Exception {
        // RasUnsteady writes a complete, successful compute file and then exits 2
        Path failing = recordingEngine(tmp.resolve("engine-exit-2"), 2);
        Path folder = tmp.resolve("exit-2");
        SshWorker worker = new SshWorker(spec(folder.toString(), sshd.knownHosts().toString(), null, false, failing));
        Files.deleteIfExists(project.file("p02.hdf"));
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(15));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(List.of("RasUnsteady"), Files.readAllLines(failing.resolve("steps.txt")).stream()
                .map(line -> line.substring(0, line.indexOf(' '))).toList(), "no geometry preprocessing was asked for");
        try (var left = Files.walk(folder)) {
            // the attempt's own copy, not the run's snapshot of the compute inputs
            Path computed = left.filter(f -> f.getFileName().toString().equals("Muncie.p02.tmp.hdf")
                    && !f.getParent().getFileName().toString().equals("snapshot")).findFirst()
                    .orElseThrow(() -> new AssertionError("the attempt's folder on the host (kept: autoclean is off) has no compute file"));
            Verdict finished = PlanVerdicts.judge(computed, RunEvidence.none());
            assertEquals(VerdictState.SUCCEEDED, finished.state(), "the compute file on the host is finished: " + computed + ": "
                    + finished.reason());
        }
        assertEquals(Integer.valueOf(2), outcome.exitCode(), outcome.toString());
        assertFalse(outcome.succeeded(), outcome.toString());
        assertFalse(outcome.resultDelivered(), outcome.toString());
        assertFalse(Files.exists(project.file("p02.hdf")), "nothing came home after a failed step");
    }

    @Test
    void planWithoutComputeInputsFailsBeforeLaunchSayingWhatToDo() throws Exception {
        try (WorkerSession session = worker(tmp.resolve("w3")).open(staged(10))) {
            WorkerException e = assertThrows(WorkerException.class, () -> session.start(task("3", null, Duration.ofMinutes(1))));
            assertTrue(e.getMessage().contains("Muncie.p03.tmp.hdf") && e.getMessage().contains("preprocess_on_host"),
                    e.getMessage());
        }
    }

    @Test
    void preprocessOnHostMakesTheMissingComputeInputsWithAWindowsCapableWorker() throws Exception {
        io.rasfleet.worker.local.LocalWorker windows = new io.rasfleet.worker.local.LocalWorker(
                WorkerSpecs.local("host", StandIn.rasLauncher(tmp.resolve("ras"))).folder(tmp.resolve("host")).build());
        PlanTask task = task("3", null, Duration.ofMinutes(2));
        java.util.Map<String, Path> made = windows.makeComputeInputs(task, project.folder(), tmp.resolve("pre-p03")).inputs();
        assertEquals(java.util.Set.of("Muncie.p03.tmp.hdf", "Muncie.b03", "Muncie.x06"), made.keySet());
        assertFalse(Files.readString(made.get("Muncie.x06")).contains("\r"), "the .xGG has LF endings for the Linux engine");
        assertFalse(Files.exists(project.file("p03.tmp.hdf")), "the project itself is not touched");
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("pre")).open(staged(12));
             PlanExecution run = session.start(task.withComputeInputs(made))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(Files.exists(project.file("p03.hdf")));
    }

    @Test
    void aResultTheEngineNeverWroteIsNotTakenForOneWhateverItsFileTimesSay() throws Exception {
        Path input = project.file("p02.tmp.hdf");
        byte[] original = Files.readAllBytes(input);
        AttemptOutcome first;
        try (WorkerSession session = worker(tmp.resolve("stale1")).open(staged(14));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(2)))) {
            first = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, first.kind(), first.reason());
        // the plan's compute file now holds a complete, successful result, as a copied project's can
        Files.copy(project.file("p02.hdf"), input, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(project.file("p02.hdf"));
        PlanLine quiet = PlanLine.set(project.file("p02"), "RASSIM Outcome", "no-output");
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("stale2")).open(staged(15));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        } finally {
            quiet.close();
            Files.write(input, original);
        }
        assertEquals(AttemptOutcome.Kind.MODEL_FAILED, outcome.kind(), outcome.reason());
        assertEquals("INCOMPLETE", outcome.verdict());
        assertTrue(outcome.reason().contains("Muncie.p02.tmp.hdf came back exactly as it was sent"), outcome.reason());
        assertFalse(Files.exists(project.file("p02.hdf")), "nothing was brought home");
    }

    @Test
    void sshdStoppedWhileThePlanComputesEndsTheAttemptAsALostWorkerWithTheReason() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Seconds", "30");
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("lost")).open(staged(11));
             PlanExecution run = session.start(task("2", progress, Duration.ofMinutes(2)))) {
            // the engine is launched by await(): the cut must come from another thread, once it computes
            Later cut = Later.when("plan 02 computing on the host", Duration.ofMinutes(1), () -> computing(progress), sshd::stop);
            outcome = Attempts.outcome(run, snapshot);
            cut.join();
        } finally {
            sshd.restart();
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("SSH connection to 127.0.0.1:" + sshd.port() + " was lost"), outcome.reason());
        assertTrue(outcome.messages() != null && outcome.messages().contains("Progress"),
                "the compute messages read before the cut are kept with the attempt: " + outcome.messages());
    }

    /**
     * A stop that comes while the launch line is still on its way: the kill has no pid yet. Each
     * program is killed right after it was started (before its {@code rasfleet-pid} line can have
     * travelled back) and must be gone from the host, not only its channel closed.
     */
    @Test
    void aKillBeforeThePidLineArrivedStillEndsTheProgramOnTheHost() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("early kill"));
        String seconds = "300." + (System.nanoTime() % 1_000_000);
        SshTarget target = SshTarget.of("127.0.0.1", sshd.port(), sshd.user(),
                new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null));
        try (SshConnection connection = SshConnection.open(target)) {
            for (int i = 0; i < 3; i++) {
                SshEngineCommand command = SshEngineCommand.start(connection,
                        ShellWords.launch(folder.toString(), java.util.Map.of(), List.of("sleep", seconds + i)));
                command.kill();
            }
            io.rasfleet.testing.Await.until("every early-killed program gone from the host", Duration.ofSeconds(10),
                    () -> Processes.mentioning("sleep", seconds), List::isEmpty);
        } finally {
            for (long pid : Processes.mentioning("sleep", seconds)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void theCopyOnTheHostIsProvenBySizeAndHashAndDamageThereIsNamedFileByFile() throws Exception {
        Path folder = tmp.resolve("proof/it's $(touch pwned) `x`; folder");
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, project.planIds());
        try (WorkerSession session = worker(folder).open(Attempts.run(14, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            List<String> damaged = SnapshotDamage.damage(folder.resolve("test-server/run-14/snapshot"), snapshot);
            SnapshotDamage.assertDamageShown(snapshot, session.snapshotHeld(), damaged);
        }
        assertFalse(Files.exists(folder.resolve("pwned")) || Files.exists(Path.of(System.getProperty("user.home"), "pwned")),
                "no shell word ran");
    }

    @Test
    void filesWithSpacesQuotesAndShellWordsInTheirNamesAreListedBackNameForName() throws Exception {
        ProjectSnapshot snapshot = SampleProjects.oddlyNamed(tmp.resolve("odd"));
        Path folder = tmp.resolve("proof-odd");
        try (WorkerSession session = worker(folder).open(Attempts.run(15, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            assertEquals(SampleProjects.ODD_NAMES.size(), session.snapshotHeld().size(), "nothing more (no name ran as a command)");
        }
    }

    @Test
    void withoutEngineFolderThePlansVersionIsFoundUnderTheInstallRootOnTheHost() throws Exception {
        Path root = tmp.resolve("hec ras's $(installs)");
        StandIn.linuxEngine(root.resolve("6.5"));
        Path broken = Files.createDirectories(root.resolve("6.6")).resolve("RasUnsteady");
        Files.writeString(broken, "#!/bin/sh\necho 'not the version plan 01 asks for' >&2\nexit 3\n");
        Files.setPosixFilePermissions(broken, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("6.4.1/libs"));
        SshSettings followPlans = new SshSettings("127.0.0.1", sshd.port(), sshd.user(), new SshLogin(sshd.userKey().toString(),
                sshd.knownHosts().toString(), null, null), null, null, root.toString(), false);
        SshWorker worker = new SshWorker(WorkerSpecs.of("by-version", followPlans).cores(2, 1).folder(tmp.resolve("versions")).build());

        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(7)); PlanExecution run = session.start(task("1", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }

        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), "plan 01's Program Version=6.50 runs on 6.5: " + outcome.reason());
        CheckReport report = worker.check();
        assertTrue(report.summary().contains("ok: ras_version - each plan runs on the HEC-RAS version its Program Version names;"
                + " installed: " + root + " (6.5, 6.6)"), report.summary());
        SshSettings missing = new SshSettings("127.0.0.1", sshd.port(), sshd.user(), followPlans.login(), null, "7.0", root.toString(), false);
        CheckReport notThere = new SshWorker(WorkerSpecs.of("by-version", missing).folder(tmp.resolve("versions")).build()).check();
        assertTrue(notThere.summary().contains("FAILED: ras_version - HEC-RAS 7.0 was not found; looked in " + root + " (6.5, 6.6)"),
                notThere.summary());
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> theHostsCacheOfProjectFiles() {
        return io.rasfleet.testing.CacheScenarios.all("ssh", true, scenario -> {
            Path folder = tmp.resolve("cache-" + scenario);
            return new io.rasfleet.testing.CacheScenarios(limit -> new SshWorker(WorkerSpecs.of("linux1", new SshSettings("127.0.0.1",
                    sshd.port(), sshd.user(), new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null),
                    engine.toString(), null, null, false, (int) limit)).folder(folder).build()), folder.resolve("cache"), folder.resolve("projects"),
                    true, () -> { });
        });
    }
}
