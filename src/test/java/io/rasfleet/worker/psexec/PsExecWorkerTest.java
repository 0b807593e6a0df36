package io.rasfleet.worker.psexec;

import io.rasfleet.worker.WorkerRun;
import io.rasfleet.testing.Attempts;
import io.rasfleet.testing.Await;
import io.rasfleet.transfer.LocalStaging;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.FakePsExec;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.Samba;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.SnapshotDamage;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.Secrets;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows worker against a real Samba share on loopback, with PsExec played by {@link FakePsExec}
 * (which runs Ras.exe, the stand-in, "on the machine": here, detached, in the share's folder).
 */
@EnabledOnOs(OS.LINUX)
class PsExecWorkerTest {

    static final String SMB_PASSWORD = "Smb-pass-" + java.util.UUID.randomUUID();

    @TempDir
    static Path tmp;
    static Samba samba;
    static RasProject project;
    static Path psexec;

    ProjectSnapshot snapshot;

    /** The run as this test's server sends it, with the snapshot of the project as it is now. */
    private WorkerRun staged(long runId) {
        snapshot = ProjectSnapshot.of(project, project.planIds());
        return Attempts.run(runId, snapshot);
    }

    @BeforeAll
    static void startSamba() throws Exception {
        samba = Samba.start(tmp.resolve("samba"), SMB_PASSWORD);
        project = RasProject.open(SampleProjects.muncie(tmp));
        for (String plan : List.of("p01", "p02", "p03")) {
            KeyedTextFile text = KeyedTextFile.read(project.file(plan));
            text.setAll("RASSIM Seconds", "1", null);
            text.save();
        }
        Path ras = StandIn.rasLauncher(tmp.resolve("hec"));
        psexec = fake("sessions=1:Active,2:Disc", "user=" + Samba.USER, "password=" + SMB_PASSWORD,
                "map.1=C:\\HEC\\Ras.exe|" + ras);
        Secrets.install(alias -> alias.equals("smb-login") ? SMB_PASSWORD.toCharArray() : Secrets.NONE.password(alias));
    }

    static Path fake(String... lines) throws Exception {
        Path config = Files.createTempFile(tmp, "fake-psexec-", ".properties");
        List<String> all = new java.util.ArrayList<>(List.of(lines));
        all.add("host=127.0.0.1");
        all.add("map.0=C:\\RasShare|" + samba.shareFolder());
        if (all.stream().noneMatch(line -> line.startsWith("log="))) {
            all.add("log=" + tmp.resolve("psexec-calls.log"));
        }
        Files.writeString(config, String.join("\n", all).replace("\\", "\\\\") + "\n");
        return FakePsExec.launcher(Files.createTempDirectory(tmp, "psexec-"), config);
    }

    @AfterAll
    static void stopSamba() {
        Secrets.install(null);
        if (samba != null) {
            samba.close();
        }
    }

    static WorkerSpec spec(int session, Path psexecPath, String alias) {
        return WorkerSpecs.of("win1", new PsExecSettings("127.0.0.1", samba.port(), "\\\\127.0.0.1\\RasShare", session, Samba.USER,
                alias, "C:\\HEC\\Ras.exe", null, null, psexecPath.toString())).cores(2, 1).priority(ProcessPriority.BELOW_NORMAL).build();
    }

    PlanTask task(String plan, List<Double> progress, Duration limit) {
        return task(plan, 1, progress, limit);
    }

    PlanTask task(String plan, int attempt, List<Double> progress, Duration limit) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(31, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 1, limit, false,
                progress == null ? null : progress::add);
    }

    @Test
    void checkLogsInProbesTheShareFindsPsExecAndComparesTheSession() {
        CheckReport report = new PsExecWorker(spec(1, psexec, "smb-login")).check();
        assertTrue(report.ok(), report.summary());
        for (String item : List.of("share_path", "share write / read / delete", "free disk", "psexec_path", "session_id")) {
            assertTrue(report.summary().contains("ok: " + item + " - "), item + " in " + report.summary());
        }
        CheckReport asleep = new PsExecWorker(spec(2, psexec, "smb-login")).check();
        assertTrue(asleep.summary().contains("FAILED: session_id - session 2 is Disc on 127.0.0.1; active sessions: 1"),
                asleep.summary());
        CheckReport noLogin = new PsExecWorker(spec(1, psexec, "nobody-here")).check();
        assertTrue(noLogin.summary().contains("FAILED: share_path") && noLogin.summary().contains("nobody-here"),
                noLogin.summary());
    }

    @Test
    void planRunsThroughTheShareAndPsExecAndItsVerifiedResultComesHome() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = new PsExecWorker(spec(1, psexec, "smb-login")).open(staged(31));
             PlanExecution run = session.start(task("1", progress, Duration.ofMinutes(2)))) {
            assertTrue(Files.isDirectory(samba.shareFolder().resolve("rasfleet/test-server/run-31/snapshot")), "the snapshot is on the share");
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals("127.0.0.1", outcome.host());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores());
        }
        assertTrue(progress.stream().anyMatch(p -> p > 0), "progress was read over SMB: " + progress);
        assertFalse(Files.exists(samba.shareFolder().resolve("rasfleet/test-server/run-31")), "autoclean emptied the share");
        String calls = Files.readString(tmp.resolve("psexec-calls.log"));
        assertTrue(calls.contains("\\\\127.0.0.1 | -accepteula | -nobanner | -h | -r | RasRemote_01_1_run31_test-server | -u | rfsmb"
                + " | -i | 1 | -belownormal | -w | C:\\RasShare\\rasfleet\\test-server\\run-31\\p01-a1 | cmd.exe | /c"
                + " | .\\.rasfleet-run.cmd | C:\\RasShare\\rasfleet\\test-server\\run-31\\p01-a1\\.rasfleet-exit"), calls);
        assertEquals(0, outcome.exitCode(), "Ras.exe's code through the launch script");
    }

    // ---- a server that dies while its plans compute, and the next one that adopts them ----

    private PsExecWorker worker() {
        return new PsExecWorker(spec(1, psexec, "smb-login"));
    }

    /** The launches of {@code service} PsExec was asked for: a plan adopted is launched no second time. */
    private static long launches(String service) throws java.io.IOException {
        return Files.readAllLines(tmp.resolve("psexec-calls.log")).stream().filter(call -> call.contains("-r | " + service + " | "))
                .count();
    }

    /**
     * The app server dies (kill -9): nothing of it follows the plan any more. Its local PsExec, which
     * waits for the plan, is killed too (as a service manager ending the server's whole process group
     * would); its session and execution are never closed, so nothing of theirs cleans up. The work on
     * the machine must not care.
     */
    private static void serverDies(PlanExecution launched) throws Exception {
        ProcessHandle client = ProcessHandle.of(launched.process().pid()).orElseThrow();
        client.destroyForcibly();
        client.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts {@code task} in {@code session} and waits until the stand-in computes in its folder on the machine. */
    private PlanExecution computing(WorkerSession session, WorkerRun run, PlanTask task) throws Exception {
        PlanExecution launched = session.start(task);
        String folder = "run-" + run.runId() + "/" + task.folderName();
        Await.until("plan " + task.plan().id() + " computing in " + folder, Duration.ofMinutes(1), () -> standInIn(folder),
                Boolean::booleanValue);
        return launched;
    }

    /** A plan launched by a server that died once it computed (its session is never closed). */
    private void launchedByAServerThatDied(WorkerRun run, PlanTask task) throws Exception {
        serverDies(computing(worker().open(run), run, task));
    }

    /** What the next server makes of the attempt: a worker of the same spec opens the run's session anew and adopts it. */
    private AttemptOutcome adoptedByTheNextServer(WorkerRun run, PlanTask task) throws Exception {
        try (WorkerSession again = worker().open(run); PlanExecution adopted = again.adopt(task).orElseThrow()) {
            return Attempts.outcome(adopted, snapshot);
        }
    }

    @Test
    void aPlanComputingWhenItsServerDiedIsAdoptedByTheNextServerAndComesHomeLaunchedOnce() throws Exception {
        PlanLine longer = PlanLine.set(project.file("p01"), "RASSIM Seconds", "20");
        WorkerRun run = staged(40);
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try {
            launchedByAServerThatDied(run, task("1", null, Duration.ofMinutes(3)));
            Thread.sleep(2_000);
            assertTrue(standInIn("run-40/p01-a1"), "the plan computes on without the server and its PsExec");
            // the next server: a worker of the same spec, the run's session opened anew, the attempt adopted
            try (WorkerSession again = worker().open(run);
                 PlanExecution adopted = again.adopt(task("1", progress, Duration.ofMinutes(3))).orElseThrow()) {
                assertTrue(standInIn("run-40/p01-a1"), "opening the session again left the attempt's work alone");
                outcome = Attempts.outcome(adopted, snapshot);
            }
        } finally {
            longer.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(0, outcome.exitCode(), "the exit code the launch script kept");
        assertEquals(1, launches("RasRemote_01_1_run40_test-server"), "launched once");
        String calls = Files.readString(tmp.resolve("psexec-calls.log"));
        assertTrue(calls.contains("-r | RasRemote_wait_"), "followed by a PsExec that waits on the machine: " + calls);
        assertFalse(calls.contains(SMB_PASSWORD), "the adoption's calls too get the password on their input only");
        assertTrue(progress.stream().anyMatch(p -> p > 0), "the adopted plan's progress was followed: " + progress);
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores());
        }
        assertFalse(Files.exists(samba.shareFolder().resolve("rasfleet/test-server/run-40/p01-a1")), "cleaned up as a started one");
    }

    @Test
    void aPlanThatEndedWhileNoServerWasUpComesHomeAsItEndedWithoutComputingAgain() throws Exception {
        PlanLine shorter = PlanLine.set(project.file("p02"), "RASSIM Seconds", "4");
        WorkerRun run = staged(41);
        AttemptOutcome outcome;
        try {
            launchedByAServerThatDied(run, task("2", null, Duration.ofMinutes(2)));
            Await.until("plan 02 ended on the machine", Duration.ofMinutes(1),
                    () -> Files.exists(samba.shareFolder().resolve("rasfleet/test-server/run-41/p02-a1/.rasfleet-exit")),
                    Boolean::booleanValue);
            assertFalse(standInIn("run-41/p02-a1"));
            outcome = adoptedByTheNextServer(run, task("2", null, Duration.ofMinutes(2)));
        } finally {
            shorter.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(0, outcome.exitCode(), "judged with the exit code kept on the machine");
        assertEquals(1, launches("RasRemote_02_1_run41_test-server"), "not launched again");
        assertTrue(Files.isRegularFile(project.file("p02.hdf")));
    }

    @Test
    void anAttemptOfWhichNothingIsLeftIsNotAdopted() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p03"), "RASSIM Outcome", "hang");
        WorkerRun run = staged(42);
        Path first = samba.shareFolder().resolve("rasfleet/test-server/run-42/p03-a1");
        try {
            launchedByAServerThatDied(run, task("3", null, Duration.ofMinutes(2)));
            // its work ended on the machine (a reboot, a user) without an exit code or a result; its folder stays
            worker().endAttempt(run.attempt("p03-a1"));
            Await.until("plan 03's processes gone", Duration.ofSeconds(30), () -> standInIn("run-42/p03-a1"), gone -> !gone);
            assertTrue(Files.isRegularFile(first.resolve(".rasfleet-launched")) && !Files.exists(first.resolve(".rasfleet-exit")));
            // attempt 2: its folder was being made when the server died, nothing was launched
            Files.createDirectories(samba.shareFolder().resolve("rasfleet/test-server/run-42/p03-a2"));
            try (WorkerSession again = worker().open(run)) {
                assertTrue(again.adopt(task("3", 1, null, Duration.ofMinutes(2))).isEmpty(), "nothing works in the folder");
                assertFalse(Files.exists(first), "the lost attempt's folder is cleaned up");
                assertTrue(again.adopt(task("3", 1, null, Duration.ofMinutes(2))).isEmpty(), "the folder is gone");
                assertTrue(again.adopt(task("3", 2, null, Duration.ofMinutes(2))).isEmpty(), "no launch in the folder");
                assertTrue(again.adopt(task("1", 1, null, Duration.ofMinutes(2))).isEmpty(), "never started");
            }
        } finally {
            hang.close();
        }
        assertEquals(1, launches("RasRemote_03_1_run42_test-server"));
        assertEquals(0, launches("RasRemote_03_2_run42_test-server"));
    }

    /**
     * A Ctrl+C reaching the server's PsExec (a console's Ctrl+C reaches every process of it) makes
     * PsExec end the program it started, the launch script's cmd.exe, which then keeps no exit code;
     * Ras.exe below it computes on, is adopted and judged by its result alone.
     */
    @Test
    void aPlanWhoseLaunchScriptWasEndedByACtrlCIsJudgedByItsResultAlone() throws Exception {
        PlanLine longer = PlanLine.set(project.file("p01"), "RASSIM Seconds", "12");
        WorkerRun run = staged(45);
        Path folder = samba.shareFolder().resolve("rasfleet/test-server/run-45/p01-a1");
        AttemptOutcome outcome;
        try {
            PlanExecution launched = computing(worker().open(run), run, task("1", null, Duration.ofMinutes(2)));
            Processes.Result ctrlC = Processes.run("kill", "-INT", Long.toString(launched.process().pid()));
            assertEquals(0, ctrlC.code(), ctrlC.output());
            ProcessHandle.of(launched.process().pid()).ifPresent(client -> client.onExit().join());
            try (WorkerSession again = worker().open(run);
                 PlanExecution adopted = again.adopt(task("1", null, Duration.ofMinutes(2))).orElseThrow()) {
                assertTrue(standInIn("run-45/p01-a1"), "Ras computes on without its cmd.exe");
                outcome = Attempts.outcome(adopted, snapshot);
                assertFalse(Files.exists(folder.resolve(".rasfleet-exit")), "the ended script kept no exit code");
            }
        } finally {
            longer.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(null, outcome.exitCode(), "no code was kept");
        assertEquals(1, launches("RasRemote_01_1_run45_test-server"));
    }

    /** The same Ctrl+C reaching only the PsExec of a server that lives on: the server follows the plan on to its end. */
    @Test
    void aPlanWhosePsExecGotACtrlCIsFollowedOnByItsOwnServer() throws Exception {
        PlanLine longer = PlanLine.set(project.file("p01"), "RASSIM Seconds", "10");
        WorkerRun run = staged(46);
        AttemptOutcome outcome;
        try (WorkerSession session = worker().open(run);
             PlanExecution launched = computing(session, run, task("1", null, Duration.ofMinutes(2)))) {
            Processes.Result ctrlC = Processes.run("kill", "-INT", Long.toString(launched.process().pid()));
            assertEquals(0, ctrlC.code(), ctrlC.output());
            outcome = Attempts.outcome(launched, snapshot);
        } finally {
            longer.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(null, outcome.exitCode(), "the ended launch script kept no code");
        assertEquals(1, launches("RasRemote_01_1_run46_test-server"), "followed, not launched again");
    }

    @Test
    void anAdoptedPlanThatIsStoppedEndsOnTheMachine() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p03"), "RASSIM Outcome", "hang");
        WorkerRun run = staged(43);
        AttemptOutcome outcome;
        try {
            launchedByAServerThatDied(run, task("3", null, Duration.ofMinutes(3)));
            try (WorkerSession again = worker().open(run);
                 PlanExecution adopted = again.adopt(task("3", null, Duration.ofMinutes(3))).orElseThrow()) {
                java.util.concurrent.CompletableFuture<AttemptOutcome> later = Attempts.outcomeLater(adopted, snapshot);
                Thread.sleep(3_000);
                assertFalse(later.isDone(), "followed while it computes: " + (later.isDone() ? later.get().reason() : ""));
                adopted.stop("the operator stopped the run");
                outcome = later.get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, outcome.kind(), outcome.reason());
        assertEquals(List.of(), Processes.mentioning(samba.shareFolder().resolve("rasfleet/test-server/run-43").toString()),
                "nothing of the plan runs on the machine");
    }

    /** The time limit counts from the launch in the previous life, not from the adoption. */
    @Test
    void anAdoptedPlanKeepsTheTimeLimitOfItsLaunch() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        WorkerRun run = staged(44);
        AttemptOutcome outcome;
        long followed;
        try {
            launchedByAServerThatDied(run, task("2", null, Duration.ofSeconds(25)));
            Thread.sleep(12_000);
            long adoptedAt = System.nanoTime();
            outcome = adoptedByTheNextServer(run, task("2", null, Duration.ofSeconds(25)));
            followed = Duration.ofNanos(System.nanoTime() - adoptedAt).toSeconds();
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("25 s"), outcome.reason());
        assertTrue(followed < 20, "ended at 25 s after its launch, not after its adoption: followed for " + followed + " s");
        assertEquals(List.of(), Processes.mentioning(samba.shareFolder().resolve("rasfleet/test-server/run-44").toString()));
    }

    @Test
    void timeLimitEndsRasOnTheMachineNotJustTheLocalPsExec() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        try (WorkerSession session = new PsExecWorker(spec(1, psexec, "smb-login")).open(staged(32));
             PlanExecution run = session.start(task("2", null, Duration.ofSeconds(8)))) {
            outcome = Attempts.outcome(run, snapshot);
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertEquals(List.of(), Processes.mentioning(samba.shareFolder().resolve("rasfleet/test-server/run-32").toString()),
                "the detached 'remote' Ras was ended by the second PsExec");
        assertTrue(Files.readString(tmp.resolve("psexec-calls.log")).contains("powershell | -NoProfile"), "a kill was sent");
    }

    /** Whether the "remote" stand-in computes in a folder of this test server's run on the share. */
    private boolean standInIn(String run) throws java.io.IOException {
        return !Processes.mentioning("io.rasfleet.sim.RasSim", samba.shareFolder().resolve("rasfleet/test-server").resolve(run)
                .toString()).isEmpty();
    }

    @Test
    void plansADeadServerLeftRunningAreEndedOnTheMachineAndALiveAttemptsAreNot() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        PsExecWorker worker = new PsExecWorker(spec(1, psexec, "smb-login"));
        WorkerRun run34 = staged(34);
        // a run restarted just after boot: its attempt 2 is live while the start-up clean-up runs
        io.rasfleet.worker.AttemptRef live = run34.attempt("p02-a2");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(run34);
             PlanExecution run = session.start(task("2", 1, null, Duration.ofMinutes(2)));
             PlanExecution liveRun = session.start(task("2", 2, null, Duration.ofMinutes(2)))) {
            java.util.concurrent.CompletableFuture<AttemptOutcome> liveOutcome = Attempts.outcomeLater(liveRun, snapshot);
            io.rasfleet.testing.Later cleaner = io.rasfleet.testing.Later.when("both attempts of plan 02 computing on the machine",
                    Duration.ofMinutes(1), () -> standInIn("run-34/p02-a1") && standInIn("run-34/p02-a2"), () -> {
                assertTrue(worker.endAbandoned(Attempts.SERVER, live::covers) >= 1, "the dead attempt's Ras was ended");
            });
            outcome = Attempts.outcome(run, snapshot);
            cleaner.join();
            assertTrue(standInIn("run-34/p02-a2"), "the live attempt computes on");
            liveRun.stop("the test is over");
            AttemptOutcome stopped = liveOutcome.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), "the live attempt ran until its own stop: " + stopped.reason());
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("killed"), outcome.reason());
        assertEquals(List.of(), Processes.mentioning(samba.shareFolder().resolve("rasfleet/test-server/run-34").toString()));
    }


    @Test
    void aShareThatGoesAwayMidPlanIsALostWorkerWithTheReason() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p03"), "RASSIM Seconds", "6");
        AttemptOutcome outcome;
        try (WorkerSession session = new PsExecWorker(spec(1, psexec, "smb-login")).open(staged(35));
             PlanExecution run = session.start(task("3", null, Duration.ofMinutes(2)))) {
            io.rasfleet.testing.Later stopper = io.rasfleet.testing.Later.when("plan 03 computing on the machine",
                    Duration.ofMinutes(1), () -> standInIn("run-35"), samba::stop);
            outcome = Attempts.outcome(run, snapshot);
            stopper.join();
        } finally {
            samba.restart();
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("was lost"), outcome.reason());
        assertFalse(Files.exists(project.file("p03.hdf")), "nothing came home");
    }

    /**
     * The password reaches PsExec on its standard input, as PsExec asks for it without {@code -p}:
     * no argument list of any call (the check's session query and version listing, the launch, the
     * kill at the time limit) holds it, and every call still logs in.
     */
    @Test
    void thePasswordIsInNoPsExecArgumentListAndEveryCallStillLogsIn() throws Exception {
        Path log = tmp.resolve("password-calls.log");
        Path own = fake("sessions=1:Active", "user=" + Samba.USER, "password=" + SMB_PASSWORD,
                "map.1=C:\\HEC\\Ras.exe|" + StandIn.rasLauncher(tmp.resolve("hec-password")), "log=" + log);
        PsExecWorker worker = new PsExecWorker(spec(1, own, "smb-login"));
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(36)); PlanExecution run = session.start(task("2", null, Duration.ofSeconds(8)))) {
            outcome = Attempts.outcome(run, snapshot);
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), "logged in, launched, ended at the limit: " + outcome.reason());
        String calls = Files.readString(log);
        for (String kind : List.of("query | session", "-EncodedCommand", "cmd.exe | /c", "powershell | -NoProfile")) {
            assertTrue(calls.contains(kind), kind + " was called: " + calls);
        }
        assertFalse(calls.contains(SMB_PASSWORD), "no argument list holds the password: " + calls);
        assertFalse(calls.contains(" | -p | "), "no -p at all: " + calls);
    }

    /**
     * Plans launched at once to one machine, from two runs and with the same plan number, each get
     * a PsExec service of their own ({@code -r}, with {@code -h}): PsExec's shared default would
     * fail all but one ("marked for deletion").
     */
    @Test
    void parallelLaunchesToOneMachineEachHaveAPsExecServiceOfTheirOwn() throws Exception {
        PsExecWorker worker = new PsExecWorker(spec(1, psexec, "smb-login"));
        PlanLine slower = PlanLine.set(project.file("p01"), "RASSIM Seconds", "4");
        List<AttemptOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (WorkerSession first = worker.open(staged(37)); WorkerSession second = worker.open(Attempts.run(38, snapshot));
             PlanExecution a = first.start(task("1", null, Duration.ofMinutes(2)));
             PlanExecution b = second.start(task("1", null, Duration.ofMinutes(2)));
             PlanExecution c = first.start(task("3", null, Duration.ofMinutes(2)))) {
            for (PlanExecution run : List.of(a, b, c)) {
                outcomes.add(Attempts.outcome(run, snapshot));
            }
        } finally {
            slower.close();
        }
        for (AttemptOutcome outcome : outcomes) {
            assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        }
        String calls = Files.readString(tmp.resolve("psexec-calls.log"));
        for (String service : List.of("RasRemote_01_1_run37_test-server", "RasRemote_01_1_run38_test-server",
                "RasRemote_03_1_run37_test-server")) {
            assertTrue(calls.contains("-h | -r | " + service + " | "), service + " in " + calls);
        }
    }

    /**
     * PsExec's "could not start ... service ... marked for deletion" (a service of that name still
     * held on the machine) gets our answer, and the attempt is a machine failure to retry.
     */
    @Test
    void aServiceStillHeldOnTheMachineIsExplainedAndLeftToARetry() throws Exception {
        Path config = Files.createTempFile(tmp, "fake-psexec-held-", ".properties");
        Path services = Files.createDirectories(tmp.resolve("held-services"));
        Files.writeString(config, ("sessions=1:Active\nuser=" + Samba.USER + "\npassword=" + SMB_PASSWORD + "\nhost=127.0.0.1\n"
                + "map.0=C:\\RasShare|" + samba.shareFolder() + "\nmap.1=C:\\HEC\\Ras.exe|/bin/true\nservices=" + services + "\n")
                .replace("\\", "\\\\"));
        Path held = FakePsExec.launcher(Files.createTempDirectory(tmp, "psexec-held-"), config);
        // a live process holds the service this launch will ask for
        Files.writeString(services.resolve("127.0.0.1-rasremote_02_1_run39_test-server"), Long.toString(ProcessHandle.current().pid()));
        AttemptOutcome outcome;
        try (WorkerSession session = new PsExecWorker(spec(1, held, "smb-login")).open(staged(39));
             PlanExecution run = session.start(task("2", null, Duration.ofMinutes(1)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("service name of its own") && outcome.reason().contains("marked for deletion"), outcome.reason());
        Processes.Result noH = Processes.run(held.toString(), "\\\\127.0.0.1", "-accepteula", "-r", "RasRemote_x", "query", "session");
        assertEquals(1, noH.code(), "the stand-in refuses a call without -h: " + noH.output());
    }

    @Test
    void psexecLogonFailureTellsWhichSettingToFix() throws Exception {
        Path wrongPassword = fake("sessions=1:Active", "user=" + Samba.USER, "password=another-one", "map.1=C:\\HEC\\Ras.exe|/bin/true");
        AttemptOutcome outcome;
        try (WorkerSession session = new PsExecWorker(spec(1, wrongPassword, "smb-login")).open(staged(33));
             PlanExecution run = session.start(task("3", null, Duration.ofMinutes(1)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("check username and the password under credential_alias"), outcome.reason());
        assertTrue(outcome.messages() != null && outcome.messages().contains("PsExec printed"), "PsExec's words are kept");
        assertFalse(outcome.messages().contains(SMB_PASSWORD) || outcome.reason().contains(SMB_PASSWORD),
                "no password in what is kept");
    }

    @Test
    void aMissingPsExecIsReportedAndTheShareProbeLeavesNothing() throws Exception {
        Path none = tmp.resolve("no/such/PsExec");
        CheckReport report = new PsExecWorker(spec(1, none, "smb-login")).check();
        assertTrue(report.summary().contains("FAILED: psexec_path"), report.summary());
        try (Stream<Path> left = Files.list(samba.shareFolder())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".rasfleet")), "probe files are removed");
        }
    }

    @Test
    void theCopyOnTheShareIsProvenBySizeAndHashAndDamageThereIsNamedFileByFile() throws Exception {
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, project.planIds());
        try (WorkerSession session = new PsExecWorker(spec(1, psexec, "smb-login")).open(Attempts.run(36, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            List<String> damaged = SnapshotDamage.damage(samba.shareFolder().resolve("rasfleet/test-server/run-36/snapshot"), snapshot);
            SnapshotDamage.assertDamageShown(snapshot, session.snapshotHeld(), damaged);
        }
    }

    /** {@code Ras.exe} of one HEC-RAS version in an install root mapped to {@code local}: the stand-in, noting that it ran. */
    private static void install(Path local, String version, Path ran) throws Exception {
        Path program = Files.createDirectories(local.resolve(version)).resolve("Ras.exe");
        Files.writeString(program, "#!/bin/sh\necho '" + version + "' >> '" + ran + "'\nexec '"
                + StandIn.rasLauncher(tmp.resolve("hec")) + "' \"$@\"\n");
        Files.setPosixFilePermissions(program, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void hecRasIsFoundByVersionInTheUsualInstallFoldersOfTheMachine() throws Exception {
        Path x86 = tmp.resolve("Program Files (x86)/HEC/HEC-RAS");
        Path x64 = tmp.resolve("Program Files/HEC/HEC-RAS");
        Path ran = tmp.resolve("ran-by-version.txt");
        install(x86, "6.5", ran);
        install(x64, "6.6", ran);
        Path mapped = fake("sessions=1:Active", "user=" + Samba.USER, "password=" + SMB_PASSWORD,
                "map.1=C:\\Program Files (x86)\\HEC\\HEC-RAS|" + x86, "map.2=C:\\Program Files\\HEC\\HEC-RAS|" + x64);
        java.util.function.Function<String, PsExecWorker> byVersion = version -> new PsExecWorker(WorkerSpecs.of("win-versions",
                new PsExecSettings("127.0.0.1", samba.port(), "\\\\127.0.0.1\\RasShare", 1, Samba.USER, "smb-login", null, version,
                        null, mapped.toString())).cores(2, 1).build());

        AttemptOutcome outcome;
        try (WorkerSession session = byVersion.apply(null).open(staged(33));
             PlanExecution run = session.start(task("1", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
        assertEquals(List.of("6.5"), Files.readAllLines(ran), "plan 01's Program Version=6.50 found under Program Files (x86)");

        CheckReport found = byVersion.apply("66").check();
        assertTrue(found.summary().contains("ok: ras_version - HEC-RAS 6.6 is C:\\Program Files\\HEC\\HEC-RAS\\6.6\\Ras.exe"),
                found.summary());
        CheckReport missing = byVersion.apply("6.7 Beta 5").check();
        assertTrue(missing.summary().contains("FAILED: ras_version - HEC-RAS 6.7 Beta 5 was not found; looked in"
                + " C:\\Program Files (x86)\\HEC\\HEC-RAS (6.5); C:\\Program Files\\HEC\\HEC-RAS (6.6)"), missing.summary());
    }

    /** Each scenario on a folder of the share of its own, so that each has its own cache. */
    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> theSharesCacheOfProjectFiles() {
        return io.rasfleet.testing.CacheScenarios.all("smb", true, scenario -> {
            String folder = "cache-" + scenario;
            return new io.rasfleet.testing.CacheScenarios(limit -> new PsExecWorker(WorkerSpecs.of("win1", new PsExecSettings(
                    "127.0.0.1", samba.port(), "\\\\127.0.0.1\\RasShare\\" + folder, 1, Samba.USER, "smb-login",
                    "C:\\HEC\\Ras.exe", null, null, psexec.toString(), (int) limit)).cores(2, 1).build()),
                    samba.shareFolder().resolve(folder + "/rasfleet/cache"), tmp.resolve(folder), false, () -> { });
        });
    }
}
