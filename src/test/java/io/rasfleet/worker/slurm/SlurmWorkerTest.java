package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.Attempts;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.Later;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Slurm;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
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

/**
 * The Slurm worker against a real slurmctld and slurmd on loopback ({@link Slurm}: one node, 2
 * CPUs), the stand-in as the Linux engine on the shared filesystem (this machine's), submitting
 * from the app server itself and through a real sshd as the login node.
 */
@EnabledOnOs(OS.LINUX)
class SlurmWorkerTest {

    @TempDir
    static Path tmp;
    static Slurm cluster;
    static RasProject project;
    static Path engine;
    static Sshd loginNode;

    ProjectSnapshot snapshot;

    @BeforeAll
    static void startCluster() throws Exception {
        io.rasfleet.worker.Installation.install("workertest");
        cluster = Slurm.cluster();
        project = RasProject.open(SampleProjects.muncieForLinux(tmp, tmp.resolve("inputs"), 1, "1", "2", "4"));
        engine = StandIn.linuxEngine(tmp.resolve("engine"));
    }

    @AfterAll
    static void stopLoginNode() {
        if (loginNode != null) {
            loginNode.close();
        }
    }

    private WorkerRun staged(long runId) {
        snapshot = ProjectSnapshot.of(project, project.planIds());
        return Attempts.run(runId, snapshot);
    }

    private static SlurmSettings settings(String partition, int maxJobs, String scratch) {
        // polled every second rather than every 10 s: the tests wait less, the cluster is theirs
        return new SlurmSettings(null, null, null, SshLogin.NONE, partition, null, null, null, maxJobs, null, engine.toString(),
                scratch, List.of(), null, false, 1);
    }

    /**
     * A variable of the submitting process (sbatch's) that no job may see: the app server's
     * environment, which may hold secrets. The worker's environment is added to sbatch's own.
     */
    static final String SUBMITTER_SECRET = "RASFLEET_TEST_SUBMITTER_SECRET";

    private static java.util.Map<String, String> submitEnvironment() {
        java.util.Map<String, String> environment = new java.util.HashMap<>(cluster.environment());
        environment.put(SUBMITTER_SECRET, "not-for-jobs");
        return environment;
    }

    private static SlurmWorker worker(String folder, SlurmSettings settings, int coresPerPlan) {
        return worker(folder, settings, coresPerPlan, java.time.Clock.systemUTC());
    }

    private static SlurmWorker worker(String folder, SlurmSettings settings, int coresPerPlan, java.time.Clock clock) {
        WorkerSpec spec = WorkerSpecs.of("hpc", settings).cores(coresPerPlan * settings.maxJobs(), coresPerPlan)
                .folder(tmp.resolve(folder)).maxRuntimeMinutes(30).build();
        return new SlurmWorker(spec, submitEnvironment(), clock);
    }

    /** The system clock moved on by hand: a job's wait in the queue passes minutes in a moment. */
    private static final class MovableClock extends java.time.Clock {
        private volatile Duration ahead = Duration.ZERO;

        void forward(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(ahead);
        }
    }

    /** The variables of a running process, from {@code /proc}. */
    private static java.util.Map<String, String> environmentOf(long pid) throws java.io.IOException {
        java.util.Map<String, String> variables = new java.util.HashMap<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"))).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                variables.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return variables;
    }

    private static SlurmWorker worker(String folder) {
        return worker(folder, settings(Slurm.PARTITION, 2, null), 1);
    }

    private PlanTask task(String plan, int attempt, Duration limit, List<Double> progress, List<String> queued) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 1, limit, false,
                progress == null ? null : progress::add, null, queued == null ? null : queued::add);
    }

    /** This test server's jobs the cluster still lists. */
    private static List<SlurmJobState> ourJobs(SlurmWorker worker) throws Exception {
        try (SubmitHost host = worker.submitHost()) {
            return new SlurmQueue(worker.spec(), Attempts.SERVER, host).jobs();
        }
    }

    private static boolean running(SlurmWorker worker, String attemptFolder) throws Exception {
        return ourJobs(worker).stream().anyMatch(job -> job.running() && job.comment().endsWith(" " + attemptFolder));
    }

    /** The attempt's job is in the queue, waiting or running. */
    private static boolean queued(SlurmWorker worker, String attemptFolder) throws Exception {
        return ourJobs(worker).stream().anyMatch(job -> job.comment().endsWith(" " + attemptFolder));
    }

    /**
     * slurmd signals a cancelled job's processes and the job leaves the queue as they end: the
     * engine is gone within the cluster's KillWait (30 s by default), not necessarily the instant
     * squeue stops listing it.
     */
    private static void noEngineLeft() throws Exception {
        Await.until("no engine left of plan 02", Duration.ofSeconds(30),
                () -> Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"), List::isEmpty);
    }

    @Test
    void checkPassesOnTheClusterAndABadPartitionIsRefusedNamingIt() {
        CheckReport report = worker("check").check();
        assertTrue(report.ok(), report.summary());
        for (String item : List.of("partition", "sbatch options", "worker_folder", "ras_engine_path", "free disk")) {
            assertTrue(report.summary().contains("ok: " + item + " - "), item + " in " + report.summary());
        }
        CheckReport bad = worker("check", settings("nosuchpart", 2, null), 1).check();
        assertFalse(bad.ok());
        assertTrue(bad.summary().contains("FAILED: partition - the cluster has no partition nosuchpart"), bad.summary());
        assertTrue(bad.summary().contains("FAILED: sbatch options - sbatch refuses the worker's options (partition nosuchpart"),
                bad.summary());
    }

    @Test
    void jobRefusedBySbatchFailsTheAttemptNamingTheSettings() throws Exception {
        SlurmWorker worker = worker("refused", settings("nosuchpart", 1, null), 1);
        try (WorkerSession session = worker.open(staged(16))) {
            io.rasfleet.worker.WorkerException e = org.junit.jupiter.api.Assertions.assertThrows(io.rasfleet.worker.WorkerException.class,
                    () -> session.start(task("1", 1, Duration.ofMinutes(2), null, null)));
            assertTrue(e.getMessage().contains("sbatch refused the job; the worker's settings it was given: partition nosuchpart"),
                    e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("invalid partition"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("refused/test-server/run-16/p01-a1")), "nothing is left of the attempt");
    }

    @Test
    void planRunsAsABatchJobAndItsVerifiedResultComesHome() throws Exception {
        Path folder = tmp.resolve("run");
        List<Double> progress = new CopyOnWriteArrayList<>();
        SlurmWorker worker = worker("run");
        AttemptOutcome outcome;
        Files.deleteIfExists(project.file("p01.hdf"));
        try (WorkerSession session = worker.open(staged(7));
             PlanExecution run = session.start(task("1", 1, Duration.ofMinutes(2), progress, null))) {
            assertTrue(Files.isDirectory(folder.resolve("test-server/run-7/snapshot")), "the snapshot went up once for the run");
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.host().contains("(Slurm job "), outcome.host());
        assertTrue(outcome.resultDelivered());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores(), "the attempt's cores were written into the plan");
        }
        assertFalse(Files.exists(folder.resolve("test-server/run-7")), "autoclean removed the run's folders");
        assertEquals(List.of(), ourJobs(worker));
    }

    @Test
    void modelFailureIsJudgedFromTheResultFileNotFromTheJobsExit() throws Exception {
        AttemptOutcome outcome;
        try (WorkerSession session = worker("model").open(staged(8));
             PlanExecution run = session.start(task("4", 1, Duration.ofMinutes(2), null, null))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.MODEL_FAILED, outcome.kind(), outcome.reason());
        assertEquals(0, outcome.exitCode(), "the job and RasUnsteady exit 0 after a failed solve");
        assertTrue(outcome.reason().contains("Went Unstable"), outcome.reason());
    }

    @Test
    void planInANodeLocalScratchComputesThereAndItsResultComesBack() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("node-scratch"));
        SlurmWorker worker = worker("scratch", settings(Slurm.PARTITION, 1, scratch.toString()), 1);
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        Files.deleteIfExists(project.file("p01.hdf"));
        try (WorkerSession session = worker.open(staged(9));
             PlanExecution run = session.start(task("1", 1, Duration.ofMinutes(2), progress, null))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(Files.isRegularFile(project.file("p01.hdf")));
        try (var left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "the job removed its copy in scratch");
        }
    }

    @Test
    void planBehindAFullClusterWaitsQueuedWithSlurmsReasonPastItsQueueTimeoutAndItsTimeLimitCountsFromItsStart() throws Exception {
        // each plan takes both of the node's CPUs: the second waits until the first is done
        MovableClock clock = new MovableClock();
        SlurmWorker worker = worker("full", new SlurmSettings(null, null, null, SshLogin.NONE, Slurm.PARTITION, null, null, null, 2, 1,
                engine.toString(), null, List.of(), null, false, 1), 2, clock);
        PlanLine longer = PlanLine.set(project.file("p02"), "RASSIM Seconds", "20");
        List<String> firstQueued = new CopyOnWriteArrayList<>();
        List<String> secondQueued = new CopyOnWriteArrayList<>();
        AttemptOutcome first;
        AttemptOutcome second;
        try (WorkerSession session = worker.open(staged(10));
             PlanExecution running = session.start(task("2", 1, Duration.ofMinutes(2), null, firstQueued))) {
            Await.until("plan 02's job computing", Duration.ofSeconds(30), () -> running(worker, "p02-a1"), Boolean.TRUE::equals);
            // waits ~20 s behind plan 02, longer than its own limit of 15 s, which only counts once it computes
            try (PlanExecution waiting = session.start(task("1", 1, Duration.ofSeconds(15), null, secondQueued))) {
                Await.until("plan 01's job pending", Duration.ofSeconds(30), () -> ourJobs(worker).stream()
                        .anyMatch(job -> job.queued() && job.comment().endsWith(" p01-a1")), Boolean.TRUE::equals);
                java.util.concurrent.CompletableFuture<AttemptOutcome> later = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return Attempts.outcome(waiting, snapshot);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Await.until("plan 01 queued with Slurm's reason", Duration.ofSeconds(30), () -> secondQueued.stream().anyMatch(
                        said -> said != null && said.matches("queued on the cluster \\((Resources|Priority)\\)")), Boolean.TRUE::equals);
                // past queue_timeout_minutes (1): the job keeps its place in the queue and the plan says so
                clock.forward(Duration.ofMinutes(2));
                first = Attempts.outcome(running, snapshot);
                second = later.get();
            }
        } finally {
            longer.close();
        }
        assertTrue(secondQueued.stream().anyMatch(said -> said != null && said.matches("queued on the cluster \\((Resources|Priority)\\)")),
                secondQueued.toString());
        assertEquals(null, secondQueued.get(secondQueued.size() - 1), "computing once it started: " + secondQueued);
        assertTrue(secondQueued.stream().anyMatch(said -> said != null && said.matches("queued on the cluster \\((Resources|Priority)\\)"
                + " for 2 min, past queue_timeout_minutes 1 of worker hpc: kept in the queue")), secondQueued.toString());
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, first.kind(), first.reason());
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, second.kind(), second.reason() + "\n" + second.messages());
    }

    @Test
    void stopCancelsQueuedAndRunningJobs() throws Exception {
        SlurmWorker worker = worker("stop", settings(Slurm.PARTITION, 2, null), 2);
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome running;
        AttemptOutcome queued;
        try (WorkerSession session = worker.open(staged(11));
             PlanExecution first = session.start(task("2", 1, Duration.ofMinutes(5), null, null));
             PlanExecution second = session.start(task("1", 1, Duration.ofMinutes(5), null, null))) {
            Await.until("one job computing, one queued", Duration.ofSeconds(30), () -> {
                List<SlurmJobState> jobs = ourJobs(worker);
                return jobs.stream().anyMatch(SlurmJobState::running) && jobs.stream().anyMatch(SlurmJobState::queued);
            }, Boolean.TRUE::equals);
            first.stop("stopped by the test");
            second.stop("stopped by the test");
            running = Attempts.outcome(first, snapshot);
            queued = Attempts.outcome(second, snapshot);
            assertEquals(List.of(), ourJobs(worker), "scancel was believed once the jobs left the queue");
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, running.kind(), running.reason());
        assertEquals(AttemptOutcome.Kind.STOPPED, queued.kind(), queued.reason());
        assertEquals("stopped by the test", running.reason());
        noEngineLeft();
    }

    @Test
    void hungPlanIsEndedAtItsTimeLimitAndSlurmsOwnLimitWithItsTermSignalComesOnlyAfter() throws Exception {
        SlurmWorker worker = worker("hang");
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        String job;
        Slurm.Logged<PlanExecution> submitted = null;
        try (WorkerSession session = worker.open(staged(12))) {
            submitted = cluster.requestsDuring(() -> session.start(task("2", 1, Duration.ofSeconds(8), null, null)));
            job = cluster.job(ourJobs(worker).get(0).jobId());
            outcome = Attempts.outcome(submitted.result(), snapshot);
        } finally {
            if (submitted != null) {
                submitted.result().close();
            }
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertEquals("the time limit of 8 s was reached", outcome.reason());
        // the plan's 8 s, the worker's poll of 1 s, 90 s for the script's clean-up and Slurm's 60 s of signal resolution: 3 min
        assertTrue(job.contains(" TimeLimit=00:03:00 "), job);
        java.util.regex.Matcher request = java.util.regex.Pattern.compile("JobDesc: .*? signal=(\\S+) ", java.util.regex.Pattern.DOTALL)
                .matcher(submitted.log());
        assertTrue(request.find(), submitted.log());
        assertEquals("B:15@90", request.group(1), "TERM to the batch script 90 s before Slurm's limit");
        assertEquals(List.of(), ourJobs(worker));
        noEngineLeft();
    }

    @Test
    void jobGetsItsMemoryButNotTheServersEnvironmentAndCancelledFromOutsideIsAMachineFailure() throws Exception {
        SlurmWorker worker = worker("outside", new SlurmSettings(null, null, null, SshLogin.NONE, Slurm.PARTITION, null, null, "300M", 2,
                null, engine.toString(), null, List.of(), null, false, 1), 1);
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        List<String> shown = new CopyOnWriteArrayList<>();
        List<java.util.Map<String, String>> environments = new CopyOnWriteArrayList<>();
        try (WorkerSession session = worker.open(staged(13));
             PlanExecution run = session.start(task("2", 1, Duration.ofMinutes(5), null, null))) {
            Later admin = Later.when("plan 02's job computing", Duration.ofSeconds(30), () -> running(worker, "p02-a1"), () -> {
                long id = ourJobs(worker).get(0).jobId();
                shown.add(cluster.job(id));
                // only this job's engine: other builds on the machine run plan 02 too, in containers and processes of their own
                Path attempt = tmp.resolve("outside/test-server/run-13/p02-a1");
                Await.until("plan 02's engine started", Duration.ofSeconds(30),
                        () -> Processes.mentioningUnder(attempt, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"), pids -> !pids.isEmpty());
                for (long pid : Processes.mentioningUnder(attempt, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf")) {
                    environments.add(environmentOf(pid));
                }
                ProcessBuilder scancel = new ProcessBuilder("scancel", Long.toString(id)).redirectErrorStream(true);
                scancel.environment().putAll(cluster.environment());
                assertEquals(0, scancel.start().waitFor());
            });
            outcome = Attempts.outcome(run, snapshot);
            admin.join();
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("the job was cancelled on the cluster"), outcome.reason());
        assertTrue(shown.get(0).contains(" MinMemoryNode=300M "), shown.get(0));
        assertFalse(environments.isEmpty());
        for (java.util.Map<String, String> environment : environments) {
            assertFalse(environment.containsKey(SUBMITTER_SECRET), "sbatch's environment stays out of the job (--export=NONE)");
            assertEquals(new AttemptRef(Attempts.SERVER, 13, "p02-a1").label(), environment.get(io.rasfleet.worker.linux.LinuxEnginePlan.OWNER_VARIABLE), environment.toString());
            assertTrue(environment.getOrDefault("LD_LIBRARY_PATH", "").startsWith(engine + "/libs"), environment.toString());
        }
    }

    @Test
    void jobsOfADeadServerAreCancelledAtItsNextStartAndAPeersAndALiveAttemptsAreNot() throws Exception {
        SlurmWorker worker = worker("abandoned");
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        WorkerRun run14 = staged(14);
        // a run restarted just after boot: its attempt 4 is live while the start-up clean-up runs
        AttemptRef live = run14.attempt("p02-a4");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(run14);
             PlanExecution run = session.start(task("2", 3, Duration.ofMinutes(2), null, null));
             PlanExecution liveRun = session.start(task("2", 4, Duration.ofMinutes(2), null, null))) {
            java.util.concurrent.CompletableFuture<AttemptOutcome> liveOutcome = Attempts.outcomeLater(liveRun, snapshot);
            // the test node runs one job at a time: the live attempt's job waits in the queue, which is live work too
            Later restart = Later.when("plan 02's job computing and the live attempt's queued", Duration.ofSeconds(30),
                    () -> running(worker, "p02-a3") && queued(worker, "p02-a4"), () -> {
                assertEquals(0, worker.endAbandoned("test-serve", Attempts.NONE_LIVE), "another server's restart cancels none of our jobs");
                assertEquals(0, worker.endAttempt(new AttemptRef(Attempts.SERVER, 14, "p02-a2")), "only the attempt named");
                assertEquals(1, worker.endAbandoned(Attempts.SERVER, live::covers), "the dead attempt's job was cancelled");
            });
            outcome = Attempts.outcome(run, snapshot);
            restart.join();
            assertTrue(queued(worker, "p02-a4"), "the live attempt's job is left in the queue");
            liveRun.stop("the test is over");
            AttemptOutcome stopped = liveOutcome.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), "the live attempt ran until its own stop: " + stopped.reason());
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertEquals(List.of(), ourJobs(worker));
    }


    @Test
    void preprocessOnHostGivesAPlanWithoutComputeInputsTheInputsAWindowsCapableWorkerMade() throws Exception {
        jakarta.json.JsonObject json = jakarta.json.Json.createObjectBuilder().add("name", "hpc-pre").add("worker_type", "slurm")
                .add("partition", Slurm.PARTITION).add("max_jobs", 1).add("ras_engine_path", engine.toString())
                .add("worker_folder", tmp.resolve("pre").toString()).add("preprocess_on_host", true).add("poll_seconds", 1)
                .add("cores_per_plan", 1).build(); // the test node has 2 CPUs: ras-commander's default of 4 would never be scheduled
        SlurmWorker worker = new SlurmWorker(io.rasfleet.worker.WorkerJson.parse(json), cluster.environment());
        io.rasfleet.worker.local.LocalWorker windows = new io.rasfleet.worker.local.LocalWorker(
                WorkerSpecs.local("host", StandIn.rasLauncher(tmp.resolve("ras"))).folder(tmp.resolve("host")).build());
        AttemptOutcome outcome;
        Files.deleteIfExists(project.file("p03.hdf"));
        try (io.rasfleet.worker.HostPreprocessing host = new io.rasfleet.worker.HostPreprocessing(18, project.folder(), List.of(windows),
                name -> () -> { });
             WorkerSession session = worker.open(staged(18))) {
            io.rasfleet.worker.HostPreprocessing.Prepared prepared = host.prepare(worker, task("3", 1, Duration.ofMinutes(2), null, null));
            assertEquals(null, prepared.failure());
            assertTrue(prepared.task().computeInputs().containsKey("Muncie.p03.tmp.hdf"), prepared.task().computeInputs().toString());
            try (PlanExecution run = session.start(prepared.task())) {
                outcome = Attempts.outcome(run, snapshot);
            }
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(Files.exists(project.file("p03.hdf")));
    }

    @Test
    void nodeFailureIsTriedAgainOnTheClusterWithoutThatNode() throws Exception {
        SlurmWorker worker = worker("node-fail");
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(19));
             PlanExecution run = session.start(task("2", 1, Duration.ofMinutes(5), null, null))) {
            Later down = Later.when("plan 02's job computing", Duration.ofSeconds(30), () -> running(worker, "p02-a1"),
                    () -> cluster.nodeDown());
            try {
                outcome = Attempts.outcome(run, snapshot);
                down.join();
            } finally {
                cluster.nodeBack();
            }
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("NODE_FAIL"), outcome.reason());
        assertTrue(outcome.reason().contains("tried again on the cluster without node " + cluster.node()), outcome.reason());
        assertEquals(new AttemptOutcome.RetryHere(cluster.node()), outcome.retryHere());
        // the next try avoids the node: on this one-node cluster, sbatch has nowhere left to put it
        PlanTask again = new PlanTask(7, project.plan(PlanId.parse("2")), project.name(), project.filesFor(PlanId.parse("2")).files(), 2, 1,
                Duration.ofMinutes(5), false, null, null, null, java.util.Set.of(cluster.node()));
        try (WorkerSession session = worker.open(staged(22))) {
            io.rasfleet.worker.WorkerException e = org.junit.jupiter.api.Assertions.assertThrows(io.rasfleet.worker.WorkerException.class,
                    () -> session.start(again).close());
            assertTrue(e.getMessage().contains("without nodes " + cluster.node()), e.getMessage());
            assertTrue(e.getMessage().contains("node configuration is not available"), e.getMessage());
        }
    }

    @Test
    void scratchIsRemovedWhenTheJobIsStoppedOrKilledBeforeItsEnd() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("killed-scratch"));
        SlurmWorker worker = worker("killed", settings(Slurm.PARTITION, 1, scratch.toString()), 1);
        PlanLine hang1 = PlanLine.set(project.file("p01"), "RASSIM Outcome", "hang");
        PlanLine hang2 = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome stopped;
        AttemptOutcome killed;
        try (WorkerSession session = worker.open(staged(20))) {
            try (PlanExecution first = session.start(task("1", 1, Duration.ofMinutes(5), null, null))) {
                Await.until("plan 01 computing in scratch", Duration.ofSeconds(60), () -> running(worker, "p01-a1")
                        && inScratch(scratch).size() == 1, Boolean.TRUE::equals);
                first.stop("stopped by the test");
                stopped = Attempts.outcome(first, snapshot);
                assertEquals(List.of(), inScratch(scratch), "the script removed its copy on TERM, before the job left the queue");
            }
            try (PlanExecution second = session.start(task("2", 1, Duration.ofMinutes(5), null, null))) {
                Await.until("plan 02 computing in scratch", Duration.ofSeconds(60), () -> running(worker, "p02-a1")
                        && inScratch(scratch).size() == 1, Boolean.TRUE::equals);
                long id = ourJobs(worker).get(0).jobId();
                // what KillWait's KILL does to a job that has not ended by then: its script and all it started die where they stand
                List<Long> processes = new java.util.ArrayList<>(Processes.mentioning("job" + String.format("%05d", id) + "/slurm_script"));
                processes.addAll(Processes.mentioningUnder(tmp, "io.rasfleet.sim.RasSim", "Muncie.p02.tmp.hdf"));
                assertTrue(processes.size() >= 2, "the job's shell and engine: " + processes);
                List<String> kill = new java.util.ArrayList<>(List.of("kill", "-KILL"));
                processes.forEach(pid -> kill.add(Long.toString(pid)));
                assertEquals(0, Processes.run(kill).code());
                killed = Attempts.outcome(second, snapshot);
                assertEquals(1, inScratch(scratch).size(), "KILL cannot be trapped: the copy is left until the server removes it");
            }
        } finally {
            hang1.close();
            hang2.close();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), stopped.reason());
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, killed.kind(), killed.reason());
        Await.until("nothing left in scratch", Duration.ofSeconds(60), () -> inScratch(scratch), List::isEmpty);
        noEngineLeft();
    }

    private static List<String> inScratch(Path scratch) throws java.io.IOException {
        try (var left = Files.list(scratch)) {
            return left.map(Path::toString).toList();
        }
    }

    @Test
    void busyControllerTimingOutIsWaitedForAndTheAttemptSucceeds() throws Exception {
        SlurmWorker worker = worker("busy");
        PlanLine longer = PlanLine.set(project.file("p02"), "RASSIM Seconds", "25");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(21));
             PlanExecution run = session.start(task("2", 1, Duration.ofMinutes(3), null, null))) {
            // longer than squeue's MessageTimeout (10 s): at least one listing fails with "Socket timed out"
            Later busy = Later.when("plan 02's job computing", Duration.ofSeconds(30), () -> running(worker, "p02-a1"),
                    () -> cluster.pauseController(Duration.ofSeconds(15)));
            outcome = Attempts.outcome(run, snapshot);
            busy.join();
        } finally {
            longer.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(List.of(), ourJobs(worker));
    }

    @Test
    void allPlansOfAllRunsOfAServerShareOneListingPerInterval() throws Exception {
        SlurmWorker worker = worker("shared-watch", settings(Slurm.PARTITION, 4, null), 2);
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        List<PlanExecution> plans = new java.util.ArrayList<>();
        long listings;
        try (JobWatch watch = JobWatch.join(worker, Attempts.SERVER);
             WorkerSession first = worker.open(staged(23));
             WorkerSession second = worker.open(staged(24))) {
            for (WorkerSession session : List.of(first, second)) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    plans.add(session.start(task("2", attempt, Duration.ofMinutes(5), null, null)));
                }
            }
            List<java.util.concurrent.CompletableFuture<AttemptOutcome>> ends = plans.stream().map(plan ->
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return Attempts.outcome(plan, snapshot);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    })).toList();
            Thread.sleep(2000);
            long before = watch.listings();
            Thread.sleep(8000);
            listings = watch.listings() - before;
            plans.forEach(plan -> plan.stop("stopped by the test"));
            for (var end : ends) {
                assertEquals(AttemptOutcome.Kind.STOPPED, end.get().kind());
            }
        } finally {
            plans.forEach(PlanExecution::close);
            hang.close();
        }
        // four plans of two runs, looking once a second each: one listing a second serves them all
        assertTrue(listings >= 2 && listings <= 10, "squeue listings in 8 s: " + listings);
        assertEquals(List.of(), ourJobs(worker));
    }

    @Test
    void attemptFolderHoldsOnlyItsPlansFilesNotEveryOtherPlansInputs() throws Exception {
        SlurmWorker worker = worker("staging");
        List<String> own = project.filesFor(PlanId.parse("1")).files();
        List<String> others = new java.util.ArrayList<>();
        for (PlanId id : project.planIds()) {
            project.filesFor(id).files().stream().filter(file -> !own.contains(file) && !others.contains(file)).forEach(others::add);
        }
        assertTrue(others.size() >= 3, "the other plans have files of their own: " + others);
        Path attempt = tmp.resolve("staging/test-server/run-33/p01-a1");
        PlanLine hang = PlanLine.set(project.file("p01"), "RASSIM Outcome", "hang");
        try (WorkerSession session = worker.open(staged(33));
             PlanExecution run = session.start(task("1", 1, Duration.ofMinutes(2), null, null))) {
            assertTrue(Files.isRegularFile(tmp.resolve("staging/test-server/run-33/snapshot/" + others.get(0))), "the snapshot has them all");
            for (String file : own) {
                assertTrue(Files.isRegularFile(attempt.resolve(file)), file + " of plan 01 is in its attempt's folder");
            }
            assertEquals(List.of(), others.stream().filter(file -> Files.exists(attempt.resolve(file))).toList(),
                    "no other plan's file was copied into plan 01's attempt");
            run.stop("stopped by the test");
            assertEquals(AttemptOutcome.Kind.STOPPED, Attempts.outcome(run, snapshot).kind());
        } finally {
            hang.close();
        }
    }

    @Test
    void queueTimeoutActionCancelCancelsAJobWaitingPastItAndFailsTheAttemptSayingSo() throws Exception {
        // each plan takes both of the node's CPUs: the second waits behind the first, which hangs
        MovableClock clock = new MovableClock();
        SlurmWorker worker = worker("queue-cancel", new SlurmSettings(null, null, null, SshLogin.NONE, Slurm.PARTITION, null, null, null,
                2, 1, engine.toString(), null, List.of(), null, false, 1, SlurmSettings.CANCEL), 2, clock);
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        List<String> queued = new CopyOnWriteArrayList<>();
        AttemptOutcome waited;
        try (WorkerSession session = worker.open(staged(34));
             PlanExecution running = session.start(task("2", 1, Duration.ofMinutes(5), null, null));
             PlanExecution waiting = session.start(task("1", 1, Duration.ofMinutes(5), null, queued))) {
            Await.until("plan 02 computing, plan 01 pending", Duration.ofSeconds(30),
                    () -> running(worker, "p02-a1") && queued(worker, "p01-a1"), Boolean.TRUE::equals);
            java.util.concurrent.CompletableFuture<AttemptOutcome> later = Attempts.outcomeLater(waiting, snapshot);
            Await.until("plan 01 queued with Slurm's reason", Duration.ofSeconds(30), () -> List.copyOf(queued),
                    said -> said.stream().anyMatch(words -> words != null && words.startsWith("queued on the cluster (")));
            assertFalse(later.isDone(), "within queue_timeout_minutes the job waits");
            clock.forward(Duration.ofMinutes(2));
            waited = later.get(2, java.util.concurrent.TimeUnit.MINUTES);
            assertFalse(queued(worker, "p01-a1"), "the waiting job was cancelled");
            assertTrue(running(worker, "p02-a1"), "the computing one was not");
            running.stop("stopped by the test");
            assertEquals(AttemptOutcome.Kind.STOPPED, Attempts.outcome(running, snapshot).kind());
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, waited.kind(), waited.reason());
        assertTrue(waited.retryable(), "tried again, elsewhere when the run has another worker");
        // Slurm's reason as the last listing had it: Resources or Priority, PENDING itself the moment before the scheduler looked
        assertTrue(waited.reason().matches(".*the job waited 1 min in the cluster's queue \\((Resources|Priority|PENDING)\\) without starting:"
                + " cancelled by queue_timeout_minutes and queue_timeout_action cancel of worker hpc"), waited.reason());
        assertEquals(List.of(), ourJobs(worker));
        noEngineLeft();
    }

    /** The same worker as a server that has just started again has it: a new object from the same spec, nothing shared but the cluster. */
    private static SlurmWorker restarted(SlurmWorker before) {
        return new SlurmWorker(before.spec(), submitEnvironment());
    }

    /**
     * A server's first life launches attempts and dies: nothing of it awaits, stops or closes them
     * (a killed JVM). The cluster keeps its jobs, queued or computing, without the server.
     */
    private static void launchedAndAbandoned(WorkerSession firstLife, PlanTask task) throws Exception {
        firstLife.start(task);
    }

    /** What a failed adoption test left on the cluster is no later test's business. */
    private static void cancelLeftovers(SlurmWorker worker) throws Exception {
        worker.endAbandoned(Attempts.SERVER, Attempts.NONE_LIVE);
    }

    @Test
    void restartedServerAdoptsItsComputingAndQueuedJobsAndBringsTheirResultsHomeWithoutSubmittingAgain() throws Exception {
        // each plan takes both of the node's CPUs: plan 01's job waits behind plan 02's
        SlurmWorker before = worker("adopt", settings(Slurm.PARTITION, 2, null), 2);
        PlanLine longer = PlanLine.set(project.file("p02"), "RASSIM Seconds", "20");
        List<Double> progress = new CopyOnWriteArrayList<>();
        List<String> queued = new CopyOnWriteArrayList<>();
        AttemptOutcome computed;
        AttemptOutcome waited;
        long submitted;
        long computingJob;
        SlurmWorker after = restarted(before);
        Files.deleteIfExists(project.file("p01.hdf"));
        Files.deleteIfExists(project.file("p02.hdf"));
        try {
            WorkerRun run = staged(30);
            WorkerSession firstLife = before.open(run);
            launchedAndAbandoned(firstLife, task("2", 1, Duration.ofMinutes(2), null, null));
            launchedAndAbandoned(firstLife, task("1", 1, Duration.ofMinutes(2), null, null));
            Await.until("plan 02 computing, plan 01 pending", Duration.ofSeconds(30),
                    () -> running(before, "p02-a1") && queued(before, "p01-a1") && !running(before, "p01-a1"), Boolean.TRUE::equals);
            computingJob = ourJobs(before).stream().filter(job -> job.comment().endsWith(" p02-a1")).findFirst().orElseThrow().jobId();
            submitted = cluster.submissions();
            try (WorkerSession session = after.open(Attempts.run(30, snapshot));
                 PlanExecution computing = session.adopt(task("2", 1, Duration.ofMinutes(2), progress, null)).orElseThrow();
                 PlanExecution waiting = session.adopt(task("1", 1, Duration.ofMinutes(2), null, queued)).orElseThrow()) {
                java.util.concurrent.CompletableFuture<AttemptOutcome> later = Attempts.outcomeLater(waiting, snapshot);
                computed = Attempts.outcome(computing, snapshot);
                waited = later.get(3, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            longer.close();
            cancelLeftovers(before);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, computed.kind(), computed.reason() + "\n" + computed.messages());
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, waited.kind(), waited.reason() + "\n" + waited.messages());
        assertTrue(computed.resultDelivered() && waited.resultDelivered());
        assertTrue(Files.isRegularFile(project.file("p01.hdf")) && Files.isRegularFile(project.file("p02.hdf")));
        assertEquals(submitted, cluster.submissions(), "no job was submitted again: each plan computed once, in its first job");
        assertTrue(computed.host().endsWith("(Slurm job " + computingJob + ")"), computed.host());
        assertFalse(progress.isEmpty(), "the adopted job's progress was followed");
        assertTrue(queued.stream().anyMatch(said -> said != null && said.matches("queued on the cluster \\((Resources|Priority)\\)")),
                queued.toString());
        assertEquals(null, queued.get(queued.size() - 1), "computing once it started: " + queued);
        assertEquals(List.of(), ourJobs(after));
        assertFalse(Files.exists(tmp.resolve("adopt/test-server/run-30")), "the adopting session cleaned up as a launching one does");
    }

    @Test
    void jobThatEndedWhileTheServerWasDownIsFetchedAsItEndedWithoutComputingAgainThroughTheLoginNode() throws Exception {
        // over SSH: the job's output is looked for with the login user's ls, the files' times read over SFTP
        SlurmWorker before = viaLoginNode("adopt-ended");
        Path attempt = tmp.resolve("adopt-ended/test-server/run-31/p01-a1");
        Files.deleteIfExists(project.file("p01.hdf"));
        WorkerRun run = staged(31);
        long submitted;
        Duration ran;
        AttemptOutcome outcome;
        try {
            launchedAndAbandoned(before.open(run), task("1", 1, Duration.ofMinutes(2), null, null));
            Await.until("plan 01's job ended", Duration.ofSeconds(90),
                    () -> !queued(before, "p01-a1") && Files.exists(attempt.resolve(JobScript.EXIT_FILE)), Boolean.TRUE::equals);
            submitted = cluster.submissions();
            ran = Duration.between(Files.getLastModifiedTime(attempt.resolve(JobScript.LAUNCH_MARKER)).toInstant(),
                    Files.getLastModifiedTime(attempt.resolve(JobScript.EXIT_FILE)).toInstant());
            // the server stays down a while after the job's end
            Thread.sleep(3000);
            try (WorkerSession session = restarted(before).open(Attempts.run(31, snapshot));
                 PlanExecution ended = session.adopt(task("1", 1, Duration.ofMinutes(2), null, null)).orElseThrow()) {
                outcome = Attempts.outcome(ended, snapshot);
            }
        } finally {
            cancelLeftovers(before);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(0, outcome.exitCode(), "the exit code the job's script kept");
        // SFTP gives the files' times in whole seconds
        assertTrue(Math.abs(ran.minus(outcome.duration()).toMillis()) <= 1000,
                "the job's own run time " + ran + ", not until the server looked again: " + outcome.duration());
        assertTrue(outcome.resultDelivered());
        assertTrue(Files.isRegularFile(project.file("p01.hdf")));
        assertTrue(outcome.host().matches(".*\\(Slurm job \\d+\\)"), outcome.host());
        assertEquals(submitted, cluster.submissions(), "fetched, not computed again");
        assertFalse(Files.exists(attempt), "cleaned up as a launching session does");
    }

    @Test
    void attemptWhoseFolderIsGoneOrThatNeverStartedIsNotAdoptedAndAJobLeftForItIsCancelled() throws Exception {
        SlurmWorker before = worker("adopt-gone");
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        try {
            WorkerRun run = staged(32);
            WorkerSession firstLife = before.open(run);
            launchedAndAbandoned(firstLife, task("2", 1, Duration.ofMinutes(5), null, null));
            Await.until("plan 02 computing", Duration.ofSeconds(30), () -> running(before, "p02-a1"), Boolean.TRUE::equals);
            // an admin cleans the attempt's folder away while the server is down
            Processes.check(Processes.run("rm", "-rf", "--", tmp.resolve("adopt-gone/test-server/run-32/p02-a1").toString()), "rm");
            SlurmWorker after = restarted(before);
            try (WorkerSession session = after.open(Attempts.run(32, snapshot))) {
                assertEquals(java.util.Optional.empty(), session.adopt(task("2", 1, Duration.ofMinutes(5), null, null)));
                assertEquals(java.util.Optional.empty(), session.adopt(task("2", 2, Duration.ofMinutes(5), null, null)),
                        "attempt 2 was never launched");
                assertEquals(List.of(), ourJobs(after), "the job of a folder that is gone could only fail: cancelled");
            }
        } finally {
            hang.close();
            cancelLeftovers(before);
        }
        noEngineLeft();
    }

    @Test
    void adoptedJobsAreStoppedOrTimedOutCountingTheirLimitFromTheirLaunchBeforeTheRestart() throws Exception {
        // 300M each: without --mem a job gets the test node's whole memory and the two would not compute side by side
        SlurmWorker before = worker("adopt-stop", new SlurmSettings(null, null, null, SshLogin.NONE, Slurm.PARTITION, null, null, "300M",
                2, null, engine.toString(), null, List.of(), null, false, 1), 1);
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome stopped;
        AttemptOutcome timedOut;
        Duration timedOutAfter;
        try {
            WorkerRun run = staged(35);
            WorkerSession firstLife = before.open(run);
            launchedAndAbandoned(firstLife, task("2", 1, Duration.ofMinutes(5), null, null));
            launchedAndAbandoned(firstLife, task("2", 2, Duration.ofMinutes(2), null, null));
            Path launched = tmp.resolve("adopt-stop/test-server/run-35/p02-a2/" + JobScript.LAUNCH_MARKER);
            Await.until("both jobs computing", Duration.ofSeconds(30),
                    () -> running(before, "p02-a1") && running(before, "p02-a2") && Files.exists(launched), Boolean.TRUE::equals);
            // attempt 2 had computed for 10 minutes when the server died: its 2-minute limit is long past
            Files.setLastModifiedTime(launched, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofMinutes(10))));
            SlurmWorker after = restarted(before);
            try (WorkerSession session = after.open(Attempts.run(35, snapshot));
                 PlanExecution first = session.adopt(task("2", 1, Duration.ofMinutes(5), null, null)).orElseThrow();
                 PlanExecution second = session.adopt(task("2", 2, Duration.ofMinutes(2), null, null)).orElseThrow()) {
                long adoptedAt = System.nanoTime();
                timedOut = Attempts.outcome(second, snapshot);
                timedOutAfter = Duration.ofNanos(System.nanoTime() - adoptedAt);
                assertTrue(running(after, "p02-a1"), "attempt 1 computes on until its stop");
                first.stop("stopped by the test");
                stopped = Attempts.outcome(first, snapshot);
                assertEquals(List.of(), ourJobs(after), "both jobs cancelled");
            }
        } finally {
            hang.close();
            cancelLeftovers(before);
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, timedOut.kind(), timedOut.reason());
        assertEquals("the time limit of 2 min was reached", timedOut.reason());
        assertTrue(timedOutAfter.compareTo(Duration.ofMinutes(1)) < 0, "ended at once, not 2 min after the adoption: " + timedOutAfter);
        assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), stopped.reason());
        assertEquals("stopped by the test", stopped.reason());
        noEngineLeft();
    }

    /** The cluster's login node: a real sshd whose logins find the cluster ({@code SetEnv SLURM_CONF}). */
    private static synchronized SlurmWorker viaLoginNode(String folder) throws Exception {
        if (loginNode == null) {
            loginNode = Sshd.start(tmp.resolve("login-node"), cluster.environment());
        }
        SlurmSettings settings = new SlurmSettings("127.0.0.1", loginNode.port(), loginNode.user(),
                new SshLogin(loginNode.userKey().toString(), loginNode.knownHosts().toString(), null, null), Slurm.PARTITION, null, null,
                null, 2, null, engine.toString(), null, List.of(), null, false, 1);
        return new SlurmWorker(WorkerSpecs.of("hpc-login", settings).cores(2, 1).folder(tmp.resolve(folder)).build());
    }

    @Test
    void planRunsThroughALoginNodeOverSsh() throws Exception {
        SlurmWorker worker = viaLoginNode("via-login");
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("ok: login - logged in to " + loginNode.user() + "@127.0.0.1:" + loginNode.port()),
                report.summary());
        AttemptOutcome outcome;
        Files.deleteIfExists(project.file("p01.hdf"));
        try (WorkerSession session = worker.open(staged(15));
             PlanExecution run = session.start(task("1", 1, Duration.ofMinutes(2), null, null))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.resultDelivered());
    }

    @Test
    void loginNodeLostWhileTheJobComputesIsALostWorkerTriedAgain() throws Exception {
        SlurmWorker worker = viaLoginNode("lost-login");
        SlurmWorker direct = worker("lost-login");
        PlanLine longer = PlanLine.set(project.file("p02"), "RASSIM Seconds", "30");
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(17));
             PlanExecution run = session.start(task("2", 1, Duration.ofMinutes(2), null, null))) {
            // the login node goes away while the job computes, and is back a few seconds later
            Later cut = Later.when("plan 02's job computing", Duration.ofSeconds(30), () -> running(direct, "p02-a1"), () -> {
                loginNode.stop();
                Thread.sleep(5000);
                loginNode.restart();
            });
            outcome = Attempts.outcome(run, snapshot);
            cut.join();
        }
        try {
            assertEquals(List.of(), ourJobs(direct), "the lost attempt's job was cancelled once the login node answered again");
        } finally {
            loginNode.restart();
            longer.close();
            direct.endAbandoned(Attempts.SERVER, Attempts.NONE_LIVE);
        }
        assertEquals(AttemptOutcome.Kind.WORKER_LOST, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("SSH connection to 127.0.0.1:" + loginNode.port() + " was lost"), outcome.reason());
    }
}
