package io.rasfleet.worker.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.AttemptOutcome;
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

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = Sshd.start(tmp.resolve("sshd"));
        project = RasProject.open(SampleProjects.muncie(tmp));
        SampleProjects.addComputeInputs(project, tmp.resolve("scratch"), "1", "2", "4");
        for (String plan : List.of("p01", "p02", "p04")) {
            KeyedTextFile text = KeyedTextFile.read(project.file(plan));
            text.setAll("RASSIM Seconds", "1", null);
            text.save();
        }
        engine = StandIn.linuxEngine(tmp.resolve("engine with space"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    static WorkerSpec spec(String folder, String knownHosts, String fingerprint, boolean autoclean) {
        return WorkerSpecs.of("linux1", settings(knownHosts, fingerprint, engine.toString())).cores(2, 1)
                .priority(io.rasfleet.engine.ProcessPriority.BELOW_NORMAL).folder(folder).autoclean(autoclean).build();
    }

    static SshSettings settings(String knownHosts, String fingerprint, String enginePath) {
        return new SshSettings("127.0.0.1", sshd.port(), sshd.user(), new SshLogin(sshd.userKey().toString(), knownHosts, fingerprint,
                null), enginePath, false);
    }

    static SshWorker worker(Path folder) {
        return new SshWorker(spec(folder.toString(), sshd.knownHosts().toString(), null, true));
    }

    PlanTask task(String plan, List<Double> progress, Duration limit) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), 1, 1, limit, false,
                progress == null ? null : progress::add);
    }

    @Test
    void checkSaysWhatItReachedInWords() {
        CheckReport report = worker(tmp.resolve("check")).check();
        assertTrue(report.ok(), report.summary());
        for (String item : List.of("host", "authentication", "worker_folder", "ras_engine_path", "free disk")) {
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
        try (WorkerSession session = worker(folder).open(7, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task("1", progress, Duration.ofMinutes(2)))) {
            assertTrue(Files.isDirectory(folder.resolve("run-7/snapshot")), "the snapshot went up once for the run");
            outcome = run.await();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals("127.0.0.1", outcome.host());
        assertTrue(outcome.resultDelivered());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores(), "the attempt's cores were written into the plan on the host");
        }
        assertTrue(progress.stream().anyMatch(p -> p > 0), "progress was followed: " + progress);
        assertFalse(Files.exists(folder.resolve("run-7")), "autoclean removed the run's folders on the host");
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "pwned")) || Files.exists(folder.resolve("pwned"))
                || Files.exists(Path.of("pwned")), "no shell word ran");
    }

    @Test
    void modelFailureOnTheLinuxEngineIsNotASuccessWhateverTheExitCode() throws Exception {
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("w4")).open(8, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task("4", null, Duration.ofMinutes(2)))) {
            outcome = run.await();
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
        try (WorkerSession session = worker(folder).open(9, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task("2", null, Duration.ofSeconds(6)))) {
            outcome = run.await();
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("time limit"), outcome.reason());
        assertEquals(List.of(), Processes.mentioning(engine.toString(), "Muncie.p02.tmp.hdf"), "no launcher is left on the host");
        assertEquals(List.of(), Processes.mentioning("io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"), "no engine is left");
        assertFalse(Files.exists(folder.resolve("run-9")));
    }

    @Test
    void plansADeadServerLeftRunningAreEndedOnTheHost() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        SshWorker worker = worker(tmp.resolve("abandoned"));
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(13, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(5)))) {
            io.rasfleet.testing.Later killer = io.rasfleet.testing.Later.after(Duration.ofMillis(3000), () -> {
                assertTrue(worker.endAbandoned() >= 1, "the plan's processes were ended");
            });
            outcome = run.await();
            killer.join();
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("killed"), outcome.reason());
        assertEquals(List.of(), Processes.mentioning("io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"));
    }

    @Test
    void planWithoutComputeInputsFailsBeforeLaunchSayingWhatToDo() throws Exception {
        try (WorkerSession session = worker(tmp.resolve("w3")).open(10, ProjectSnapshot.of(project, project.planIds()))) {
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
        java.util.Map<String, Path> made = windows.makeComputeInputs(task, project.folder(), tmp.resolve("pre-p03"));
        assertEquals(java.util.Set.of("Muncie.p03.tmp.hdf", "Muncie.b03", "Muncie.x05"), made.keySet());
        assertFalse(Files.readString(made.get("Muncie.x05")).contains("\r"), "the .xGG has LF endings for the Linux engine");
        assertFalse(Files.exists(project.file("p03.tmp.hdf")), "the project itself is not touched");
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("pre")).open(12, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task.withComputeInputs(made))) {
            outcome = run.await();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(Files.exists(project.file("p03.hdf")));
    }

    @Test
    void stoppedSshdEndsTheAttemptAsALostWorkerWithTheReason() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Seconds", "30");
        AttemptOutcome outcome;
        try (WorkerSession session = worker(tmp.resolve("lost")).open(11, ProjectSnapshot.of(project, project.planIds()));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(2)))) {
            Thread.sleep(2000);
            sshd.stop();
            outcome = run.await();
        } finally {
            sshd.restart();
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("SSH connection to 127.0.0.1:" + sshd.port() + " was lost"), outcome.reason());
    }
}
