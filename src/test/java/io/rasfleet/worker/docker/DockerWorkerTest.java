package io.rasfleet.worker.docker;

import io.rasfleet.worker.WorkerRun;
import io.rasfleet.testing.Attempts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.SnapshotDamage;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.TestImages;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Docker worker against the real Docker engine of this machine, with a locally built engine image. */
@EnabledOnOs(OS.LINUX)
class DockerWorkerTest {

    @TempDir
    static Path tmp;
    static String image;
    static RasProject project;

    ProjectSnapshot snapshot;

    /** The run as this test's server sends it, with the snapshot of the project as it is now. */
    private WorkerRun staged(long runId) {
        snapshot = ProjectSnapshot.of(project, project.planIds());
        return Attempts.run(runId, snapshot);
    }

    @BeforeAll
    static void buildImage() throws Exception {
        image = TestImages.engine(tmp);
        project = RasProject.open(SampleProjects.muncie(tmp));
        SampleProjects.addComputeInputs(project, tmp.resolve("scratch"), "1", "2");
        for (String plan : List.of("p01", "p02")) {
            KeyedTextFile text = KeyedTextFile.read(project.file(plan));
            text.setAll("RASSIM Seconds", "2", null);
            text.save();
        }
    }

    static WorkerSpec spec(String name, String dockerImage, String dockerHost, String username, SshLogin login) {
        return WorkerSpecs.of(name, new DockerSettings(dockerImage, dockerHost, null, 1.0, "512m", TestImages.ENGINE, null, null, false, username,
                login)).cores(2, 1).build();
    }

    PlanTask task(String plan, List<Double> progress, Duration limit) {
        return task(plan, 1, progress, limit);
    }

    PlanTask task(String plan, int attempt, List<Double> progress, Duration limit) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(21, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 1, limit, false,
                progress == null ? null : progress::add);
    }

    static List<String> containersOfRun(long run) throws Exception {
        return containers("label=io.rasfleet.run=" + run);
    }

    static List<String> volumesOfRun(long run) throws Exception {
        Process p = new ProcessBuilder("docker", "volume", "ls", "-q", "--filter", "label=io.rasfleet.run=" + run).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    @Test
    void checkSaysWhatItReachedAndThatAnAbsentImageIsNeverPulled() {
        CheckReport report = new DockerWorker(spec("dock1", image, null, null, null)).check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("ok: docker_host - unix:///var/run/docker.sock answers"), report.summary());
        assertTrue(report.summary().contains("ok: free disk - ") && report.summary().contains("GiB free for containers"),
                report.summary());
        CheckReport missing = new DockerWorker(spec("dock2", "rasfleet-no-such-image:1", null, null, null)).check();
        assertTrue(missing.summary().contains("FAILED: docker_image - rasfleet-no-such-image:1 is not on"), missing.summary());
        CheckReport nowhere = new DockerWorker(spec("dock3", image, "tcp://127.0.0.1:1", null, null)).check();
        assertTrue(nowhere.summary().contains("FAILED: docker_host"), nowhere.summary());
    }

    @Test
    void planRunsInAContainerItsResultComesHomeAndNothingIsLeft() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(staged(21));
             PlanExecution run = session.start(task("1", progress, Duration.ofMinutes(2)))) {
            assertEquals(1, volumesOfRun(21).size(), "the snapshot went into one volume for the run");
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.resultDelivered());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(1, result.summary().maximumCores());
        }
        assertTrue(progress.stream().anyMatch(p -> p > 0), "progress was followed: " + progress);
        assertTrue(outcome.messages().contains("RasUnsteady on " + java.net.InetAddress.getLocalHost().getHostName() + " printed"), "the container's output is kept");
        assertEquals(List.of(), containersOfRun(21), "the container was removed");
        assertEquals(List.of(), volumesOfRun(21), "the run's volume was removed");
    }

    @Test
    void aContainerKilledMidPlanIsAMachineFailureWithTheReason() throws Exception {
        List<Double> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(staged(22));
             PlanExecution run = session.start(task("2", progress, Duration.ofMinutes(2)))) {
            io.rasfleet.testing.Later killer = io.rasfleet.testing.Later.when("plan 02 computing in its container",
                    Duration.ofMinutes(1), () -> progress.stream().anyMatch(p -> p > 0), () -> {
                for (String id : containersOfRun(22)) {
                    new ProcessBuilder("docker", "kill", id).start().waitFor();
                }
            });
            outcome = Attempts.outcome(run, snapshot);
            killer.join();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.reason().contains("stopped under the plan"), outcome.reason());
        assertEquals(List.of(), containersOfRun(22));
    }

    @Test
    void timeLimitEndsTheContainer() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        AttemptOutcome outcome;
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(staged(23));
             PlanExecution run = session.start(task("2", null, Duration.ofSeconds(6)))) {
            outcome = Attempts.outcome(run, snapshot);
        } finally {
            changed.close();
        }
        assertEquals(AttemptOutcome.Kind.TIMED_OUT, outcome.kind(), outcome.reason());
        assertEquals(List.of(), containersOfRun(23));
    }

    @Test
    void containersADeadServerLeftAreRemovedAndAPeersAndALiveAttemptsAreNot() throws Exception {
        PlanLine changed = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        DockerWorker worker = new DockerWorker(spec("dockgone", image, null, null, null));
        List<Double> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Double> liveProgress = new java.util.concurrent.CopyOnWriteArrayList<>();
        WorkerRun run25 = staged(25);
        // a run restarted just after boot: its attempt 2 is live while the start-up clean-up runs
        io.rasfleet.worker.AttemptRef live = run25.attempt("p02-a2");
        // staging containers (no attempt of their own) a crash left: of the live attempt's run, and of a dead run
        String liveRunsLoader = sessionContainer("dockgone", 25);
        String deadRunsLoader = sessionContainer("dockgone", 26);
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(run25);
             PlanExecution run = session.start(task("2", 1, progress, Duration.ofMinutes(2)));
             PlanExecution liveRun = session.start(task("2", 2, liveProgress, Duration.ofMinutes(2)))) {
            java.util.concurrent.CompletableFuture<AttemptOutcome> liveOutcome = Attempts.outcomeLater(liveRun, snapshot);
            io.rasfleet.testing.Later cleaner = io.rasfleet.testing.Later.when("both attempts of plan 02 computing in their containers",
                    Duration.ofMinutes(1), () -> progress.stream().anyMatch(p -> p > 0) && liveProgress.stream().anyMatch(p -> p > 0), () -> {
                assertEquals(0, worker.endAbandoned("test-serve", Attempts.NONE_LIVE), "another server's restart removes none of our containers");
                assertEquals(2, worker.endAbandoned(Attempts.SERVER, live::covers), "the dead attempt's container and the dead run's");
            });
            outcome = Attempts.outcome(run, snapshot);
            cleaner.join();
            assertEquals(1, containers("label=io.rasfleet.attempt=" + live.label(), "status=running").size(), "the live attempt computes on");
            assertEquals(List.of(liveRunsLoader), containers("id=" + liveRunsLoader), "the live run's staging is spared");
            assertEquals(List.of(), containers("id=" + deadRunsLoader));
            liveRun.stop("the test is over");
            AttemptOutcome stopped = liveOutcome.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertEquals(AttemptOutcome.Kind.STOPPED, stopped.kind(), "the live attempt ran until its own stop: " + stopped.reason());
        } finally {
            changed.close();
            new ProcessBuilder("docker", "rm", "-f", liveRunsLoader, deadRunsLoader).start().waitFor();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertEquals(List.of(), containersOfRun(25), "closing the live attempt removed its container");
    }

    /** A container as a session's staging makes it (the run's labels, no attempt's), never started: what a crash mid-staging leaves. */
    private String sessionContainer(String worker, long run) throws Exception {
        Process p = new ProcessBuilder("docker", "create", "--label", "io.rasfleet.worker=" + worker, "--label",
                "io.rasfleet.server=" + Attempts.SERVER, "--label", "io.rasfleet.run=" + run, image, "true").start();
        String id = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), "docker create");
        return id.substring(0, 12);
    }

    static List<String> containers(String... filters) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker", "ps", "-a", "-q"));
        for (String filter : filters) {
            command.addAll(List.of("--filter", filter));
        }
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }


    /** The worker of the other tests (and its cache volume), its folder in the containers named for the test. */
    static WorkerSpec adoptingSpec(String folder) {
        return WorkerSpecs.of("dock1", new DockerSettings(image, null, null, 1.0, "512m", TestImages.ENGINE, null, null, false, null, null))
                .cores(2, 1).folder("/" + folder).build();
    }

    /**
     * Stand-in processes seen computing a plan in the containers of one attempt, by pid, sampled
     * until closed: a launch, however short, is seen (the plans here compute for seconds).
     */
    static final class StandInLaunches implements AutoCloseable {
        private final java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Thread sampler;
        private volatile boolean open = true;

        StandInLaunches(String attemptLabel, String plan) {
            sampler = new Thread(() -> {
                java.util.Set<String> containers = new java.util.HashSet<>();
                while (open) {
                    try {
                        containers.addAll(containers("label=io.rasfleet.attempt=" + attemptLabel));
                        for (long pid : Processes.mentioning("io.rasfleet.sim.RasSim", "Muncie." + plan + ".tmp.hdf")) {
                            String cgroup = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/cgroup"));
                            if (containers.stream().anyMatch(cgroup::contains)) {
                                seen.add(pid);
                            }
                        }
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a process that ended while it was read
                    }
                }
            }, "stand-in-launches");
            sampler.setDaemon(true);
            sampler.start();
        }

        int count() {
            return seen.size();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            sampler.join(10_000);
        }
    }

    /**
     * The previous life: a session launches {@code task}, and once {@code launched} holds the server
     * dies: its engine client's connections close, and nothing of its session or execution closes
     * or cleans up.
     */
    private void launchedBeforeTheServerDied(DockerWorker worker, WorkerRun run, PlanTask task, io.rasfleet.testing.Await.Probe<Boolean> launched)
            throws Exception {
        WorkerSession firstLife = worker.open(run);
        PlanExecution execution = firstLife.start(task);
        java.util.concurrent.CompletableFuture<AttemptOutcome> followed = Attempts.outcomeLater(execution, snapshot);
        io.rasfleet.testing.Await.until("the attempt launched in its container", Duration.ofMinutes(1), launched, Boolean::booleanValue);
        ((DockerSession) firstLife).engine().close();
        AttemptOutcome cut = followed.get(1, java.util.concurrent.TimeUnit.MINUTES);
        assertFalse(cut.succeeded(), "the first life lost its engine: " + cut.reason());
    }

    @Test
    void anAttemptComputingWhenTheServerDiedIsAdoptedByItsNextLifeAndComesHomeLaunchedOnce() throws Exception {
        WorkerSpec spec = adoptingSpec("dock-adopt");
        PlanLine seconds = PlanLine.set(project.file("p02"), "RASSIM Seconds", "20");
        WorkerRun run = staged(41);
        java.nio.file.Files.deleteIfExists(project.file("p02.hdf"));
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        int launches;
        try (StandInLaunches launched = new StandInLaunches(run.attempt("p02-a1").label(), "p02")) {
            List<Double> before = new CopyOnWriteArrayList<>();
            launchedBeforeTheServerDied(new DockerWorker(spec), run, task("2", before, Duration.ofMinutes(3)),
                    () -> before.stream().anyMatch(p -> p > 0));
            Thread.sleep(2_000);
            assertEquals(1, containers("label=io.rasfleet.attempt=" + run.attempt("p02-a1").label(), "status=running").size(),
                    "the plan's container runs on without the server");
            try (WorkerSession nextLife = new DockerWorker(spec).open(run)) {
                PlanExecution adopted = nextLife.adopt(task("2", progress, Duration.ofMinutes(3)))
                        .orElseThrow(() -> new AssertionError("the attempt computing in its container was not found"));
                try (adopted) {
                    outcome = Attempts.outcome(adopted, snapshot);
                }
            }
            launches = launched.count();
        } finally {
            seconds.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertTrue(outcome.resultDelivered());
        assertEquals(Integer.valueOf(0), outcome.exitCode(), "the exit code the launch kept in the container");
        assertEquals(1, launches, "the stand-in was launched once, by the first life");
        assertTrue(progress.stream().anyMatch(p -> p > 0), "the next life followed the progress: " + progress);
        assertEquals(List.of(), containersOfRun(41), "the container was removed as after a start");
        assertEquals(List.of(), volumesOfRun(41), "the run's volume was removed when the next life's session closed");
    }

    /** Over {@code ssh://}, the server's death ends its SSH relay to the engine: the container computes on all the same. */
    @Test
    void anAttemptOnAnEngineReachedOverSshIsAdoptedAfterTheRelayDiedWithTheServer() throws Exception {
        PlanLine seconds = PlanLine.set(project.file("p02"), "RASSIM Seconds", "8");
        java.nio.file.Files.deleteIfExists(project.file("p02.hdf"));
        WorkerRun run = staged(46);
        AttemptOutcome outcome;
        int launches;
        try (Sshd sshd = Sshd.start(tmp.resolve("sshd-adopt"));
             StandInLaunches launched = new StandInLaunches(run.attempt("p02-a1").label(), "p02")) {
            SshLogin login = new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null);
            WorkerSpec spec = WorkerSpecs.of("dock1", new DockerSettings(image, "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port(),
                    null, 1.0, "512m", TestImages.ENGINE, null, null, false, sshd.user(), login)).cores(2, 1).folder("/dock-adopt-ssh").build();
            launchedBeforeTheServerDied(new DockerWorker(spec), run, task("2", null, Duration.ofMinutes(2)), () -> launched.count() > 0);
            try (WorkerSession nextLife = new DockerWorker(spec).open(run);
                 PlanExecution adopted = nextLife.adopt(task("2", null, Duration.ofMinutes(2)))
                         .orElseThrow(() -> new AssertionError("the attempt computing on the engine over SSH was not found"))) {
                outcome = Attempts.outcome(adopted, snapshot);
            }
            launches = launched.count();
        } finally {
            seconds.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(1, launches, "the stand-in was launched once, by the first life");
        assertEquals(List.of(), containersOfRun(46));
    }

    @Test
    void anAttemptThatEndedWhileTheServerWasDownComesHomeWithItsExitCodeWithoutComputingAgain() throws Exception {
        WorkerSpec spec = adoptingSpec("dock-ended");
        PlanLine seconds = PlanLine.set(project.file("p02"), "RASSIM Seconds", "4");
        WorkerRun run = staged(42);
        String label = run.attempt("p02-a2").label();
        java.nio.file.Files.deleteIfExists(project.file("p02.hdf"));
        AttemptOutcome outcome;
        int launches;
        try (StandInLaunches launched = new StandInLaunches(label, "p02")) {
            launchedBeforeTheServerDied(new DockerWorker(spec), run, task("2", 2, null, Duration.ofMinutes(2)), () -> launched.count() > 0);
            String container = containers("label=io.rasfleet.attempt=" + label).get(0);
            io.rasfleet.testing.Await.until("the plan ended in its container while no server followed it", Duration.ofMinutes(1),
                    () -> Processes.run("docker", "exec", container, "test", "-f", "/dock-ended/p02-a2/.rasfleet-exit").code(),
                    code -> code == 0);
            try (WorkerSession nextLife = new DockerWorker(spec).open(run);
                 PlanExecution adopted = nextLife.adopt(task("2", 2, null, Duration.ofMinutes(2)))
                         .orElseThrow(() -> new AssertionError("the ended attempt's container was not found"))) {
                outcome = Attempts.outcome(adopted, snapshot);
            }
            launches = launched.count();
        } finally {
            seconds.close();
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
        assertEquals(Integer.valueOf(0), outcome.exitCode(), "the exit code the launch kept in the container");
        assertTrue(java.nio.file.Files.exists(project.file("p02.hdf")), "the result came home");
        assertEquals(1, launches, "nothing computed again");
        assertEquals(List.of(), containersOfRun(42));
    }

    @Test
    void anAttemptOfWhichNothingIsLeftIsNotAdopted() throws Exception {
        WorkerSpec spec = adoptingSpec("dock-gone");
        WorkerRun run = staged(43);
        try (WorkerSession session = new DockerWorker(spec).open(run)) {
            assertTrue(session.adopt(task("2", 1, null, Duration.ofMinutes(2))).isEmpty(), "no container of the attempt");
            // the server died after making the attempt's container, before its folder was copied in
            Process made = new ProcessBuilder("docker", "run", "-d", "--label", "io.rasfleet.worker=dock1", "--label",
                    "io.rasfleet.server=" + Attempts.SERVER, "--label", "io.rasfleet.run=43", "--label",
                    "io.rasfleet.attempt=" + run.attempt("p02-a2").label(), image, "sleep", "300").start();
            assertEquals(0, made.waitFor(), new String(made.getErrorStream().readAllBytes()));
            assertTrue(session.adopt(task("2", 2, null, Duration.ofMinutes(2))).isEmpty(), "nothing was launched in it");
            assertEquals(List.of(), containersOfRun(43), "the never launched attempt's container is removed");
        }
    }

    /**
     * The server died while it staged the run: the loader it left is spared by the start-up clean-up
     * (the restarted run is live), and the run's session opens again beside it.
     */
    @Test
    void aRunsSessionOpensAgainBesideTheLoaderItsPreviousLifeLeftMidStaging() throws Exception {
        WorkerRun run = staged(45);
        Process left = new ProcessBuilder("docker", "create", "--name", "rasfleet-test-server-run-45-dock1-loader", "--label",
                "io.rasfleet.worker=dock1", "--label", "io.rasfleet.server=" + Attempts.SERVER, "--label", "io.rasfleet.run=45",
                image, "true").start();
        assertEquals(0, left.waitFor(), new String(left.getErrorStream().readAllBytes()));
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(run)) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
        } finally {
            Processes.run("docker", "rm", "-f", "rasfleet-test-server-run-45-dock1-loader");
        }
    }

    @Test
    void stoppingAnAdoptedAttemptEndsItsContainer() throws Exception {
        PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        WorkerSpec spec = adoptingSpec("dock-adopt-stop");
        AttemptOutcome outcome;
        try {
            WorkerRun run = staged(44);
            String label = run.attempt("p02-a1").label();
            List<Double> before = new CopyOnWriteArrayList<>();
            launchedBeforeTheServerDied(new DockerWorker(spec), run, task("2", before, Duration.ofMinutes(3)),
                    () -> before.stream().anyMatch(p -> p > 0));
            try (WorkerSession nextLife = new DockerWorker(spec).open(run);
                 PlanExecution adopted = nextLife.adopt(task("2", null, Duration.ofMinutes(3)))
                         .orElseThrow(() -> new AssertionError("the hanging attempt was not found"))) {
                outcome = Attempts.stoppedWhileFollowed(adopted, snapshot);
                assertEquals(List.of(), containers("label=io.rasfleet.attempt=" + label, "status=running"),
                        "the stop ended the container, before any close");
            }
        } finally {
            hang.close();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, outcome.kind(), outcome.reason());
        assertEquals(List.of(), containersOfRun(44));
    }

    @Test
    void anEngineReachedOverSshRunsPlansToo() throws Exception {
        try (Sshd sshd = Sshd.start(tmp.resolve("sshd"))) {
            SshLogin login = new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null);
            WorkerSpec spec = spec("dockssh", image, "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port(), sshd.user(), login);
            CheckReport report = new DockerWorker(spec).check();
            assertTrue(report.ok(), report.summary());
            assertTrue(report.summary().contains("ssh://"), report.summary());
            AttemptOutcome outcome;
            try (WorkerSession session = new DockerWorker(spec).open(staged(24));
                 PlanExecution run = session.start(task("1", null, Duration.ofMinutes(2)))) {
                outcome = Attempts.outcome(run, snapshot);
            }
            assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason() + "\n" + outcome.messages());
            assertEquals("127.0.0.1", outcome.host());
            assertFalse(containersOfRun(24).size() > 0);
        }
    }

    /**
     * Staging that fails after the loader container was made (a project file vanished between the
     * snapshot and the send): the session is refused and the loader is removed with it.
     */
    @Test
    void aStagingThatFailsLeavesNoLoaderContainerBehind() throws Exception {
        ProjectSnapshot snapshot = SampleProjects.oddlyNamed(tmp.resolve("vanishing"));
        java.nio.file.Files.delete(snapshot.folder().resolve("with space.g01"));
        String name = "dock-vanish-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        try {
            io.rasfleet.worker.WorkerException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    io.rasfleet.worker.WorkerException.class,
                    () -> new DockerWorker(spec(name, image, null, null, null)).open(Attempts.run(28, snapshot)).close());
            assertTrue(refused.getMessage().contains("could not receive the project snapshot"), refused.getMessage());
            assertEquals(List.of(), containersOfRun(28), "no container of the run is left, the loader included");
            assertEquals(List.of(), volumesOfRun(28), "the run's volume was removed");
        } finally {
            Processes.run("docker", "volume", "rm", "-f", "rasfleet-cache-" + name);
        }
    }

    /**
     * The SSH login made for an {@code ssh://} engine is given back when the client cannot be
     * built: the sshd that served it has no session left.
     */
    @Test
    void anSshEngineWhoseClientCannotBeBuiltLeavesNoSshSessionOpen() throws Exception {
        try (Sshd sshd = Sshd.start(tmp.resolve("sshd-relay"))) {
            SshLogin login = new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null);
            WorkerSpec spec = spec("dockrelay", image, "ssh://" + sshd.user() + "@127.0.0.1:" + sshd.port(), sshd.user(), login);
            long sshdPid = Long.parseLong(java.nio.file.Files.readString(tmp.resolve("sshd-relay/sshd.pid")).strip());
            IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> DockerEngine.connect("dockrelay", (DockerSettings) spec.settings(), (host, address, remote) -> {
                        assertTrue(ProcessHandle.of(sshdPid).orElseThrow().descendants().findAny().isPresent(),
                                "the relay's SSH session is open while the client is built");
                        throw new IllegalStateException("no client for " + host);
                    }));
            assertTrue(thrown.getMessage().startsWith("no client for "), thrown.getMessage());
            io.rasfleet.testing.Await.until("sshd's sessions for the relay ended", Duration.ofSeconds(10),
                    () -> ProcessHandle.of(sshdPid).orElseThrow().descendants().count(), n -> n == 0);
        }
    }

    /**
     * The relay to an {@code ssh://} engine is a Unix socket in a folder only this user can open,
     * not a TCP port any local user could drive; the engine answers through it; closing the relay
     * removes the folder.
     */
    @Test
    void theRelayToAnSshEngineIsAUnixSocketInAFolderOnlyTheServersUserCanOpen() throws Exception {
        try (Sshd sshd = Sshd.start(tmp.resolve("sshd-socket"))) {
            SshLogin login = new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null);
            Path folder;
            try (io.rasfleet.worker.ssh.SshStdioRelay relay = io.rasfleet.worker.ssh.SshStdioRelay.open("127.0.0.1", sshd.port(),
                    sshd.user(), login)) {
                assertTrue(relay.localAddress().startsWith("unix:///"), relay.localAddress());
                Path socket = Path.of(relay.localAddress().substring("unix://".length()));
                folder = socket.getParent();
                assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(folder)), "only the owner may open " + folder);
                assertEquals(System.getProperty("user.name"), java.nio.file.Files.getOwner(folder).getName());
                try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
                        java.net.UnixDomainSocketAddress.of(socket))) {
                    client.write(java.nio.ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes()));
                    String answer = new String(java.nio.channels.Channels.newInputStream(client).readAllBytes());
                    assertTrue(answer.startsWith("HTTP/1.0 200") && answer.endsWith("OK"), answer);
                }
            }
            assertFalse(java.nio.file.Files.exists(folder), "closing the relay removed " + folder);
        }
    }

    @Test
    void theCopyInTheVolumeIsProvenBySizeAndHashAndDamageThereIsNamedFileByFile() throws Exception {
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, project.planIds());
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(Attempts.run(26, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            assertEquals(List.of(), containersOfRun(26), "the listing's container was removed");

            Path damagedCopy = tmp.resolve("damaged-26");
            LocalStaging.copy(project.folder(), damagedCopy, snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList());
            List<String> damaged = SnapshotDamage.damage(damagedCopy, snapshot);
            Processes.check(Processes.run("docker", "run", "--rm", "-v", "rasfleet-test-server-run-26-dock1:/s", "-v", damagedCopy + ":/d:ro",
                    image, "sh", "-c", "rm -rf /s/* && cp -R /d/. /s/"), "damaging the volume");
            SnapshotDamage.assertDamageShown(snapshot, session.snapshotHeld(), damaged);
        }
        assertEquals(List.of(), containersOfRun(26));
    }

    @Test
    void filesWithSpacesQuotesAndShellWordsInTheirNamesAreListedBackNameForName() throws Exception {
        ProjectSnapshot snapshot = SampleProjects.oddlyNamed(tmp.resolve("odd"));
        try (WorkerSession session = new DockerWorker(spec("dock1", image, null, null, null)).open(Attempts.run(27, snapshot))) {
            SnapshotDamage.assertProven(snapshot, session.snapshotHeld());
            assertEquals(SampleProjects.ODD_NAMES.size(), session.snapshotHeld().size(), "nothing more (no name ran as a command)");
        }
        assertEquals(List.of(), containersOfRun(27));
    }

    @Test
    void withoutEngineFolderThePlansVersionIsFoundInTheImage() throws Exception {
        DockerSettings followPlans = new DockerSettings(image, null, null, 1.0, "512m", null, null, null, false, null, null);
        DockerWorker worker = new DockerWorker(WorkerSpecs.of("dock-versions", followPlans).cores(2, 1).build());
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(staged(24)); PlanExecution run = session.start(task("1", null, Duration.ofMinutes(2)))) {
            outcome = Attempts.outcome(run, snapshot);
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), "plan 01's Program Version=6.50 runs on 6.5: " + outcome.reason());
        CheckReport report = worker.check();
        assertTrue(report.summary().contains("ok: ras_version - each plan runs on the HEC-RAS version its Program Version names;"
                + " installed: " + TestImages.INSTALL_ROOT + " (6.5)"), "6.6 has no engine in the image: " + report.summary());
        DockerSettings notThere = new DockerSettings(image, null, null, 1.0, "512m", null, "6.6", null, false, null, null);
        assertTrue(new DockerWorker(WorkerSpecs.of("dock-66", notThere).build()).check().summary().contains(
                "FAILED: ras_version - HEC-RAS 6.6 was not found; looked in /opt/hecras (6.5)"));
    }

    /** Each scenario on a worker of its own: its own cache volume, made here to find its folder, removed after. */
    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> theEnginesCacheVolumeOfProjectFiles() {
        return io.rasfleet.testing.CacheScenarios.all("docker", false, scenario -> {
            String name = "dcache-" + scenario + "-" + Long.toString(System.nanoTime() & 0xffffff, 36);
            String volume = "rasfleet-cache-" + name;
            Processes.run(List.of("docker", "volume", "create", volume));
            Processes.Result inspected = Processes.run(List.of("docker", "volume", "inspect", "-f", "{{.Mountpoint}}", volume));
            assertEquals(0, inspected.code(), inspected.output());
            return new io.rasfleet.testing.CacheScenarios(limit -> new DockerWorker(WorkerSpecs.of(name, new DockerSettings(image, null,
                    null, 1.0, "512m", TestImages.ENGINE, null, null, false, null, null, (int) limit)).cores(2, 1).build()),
                    Path.of(inspected.output().strip()), tmp.resolve(name), true,
                    () -> Processes.run(List.of("docker", "volume", "rm", "-f", volume)));
        });
    }
}
