package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.TestDatabase;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.HostPreprocessing;
import io.rasfleet.worker.Preprocessed;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.local.LocalWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan's life in the batch layer, on a real database (H2 as the demo runs it), real local workers
 * on the HEC-RAS stand-in, and workers made for the test where a machine must fail.
 */
@EnabledOnOs(OS.LINUX)
class PlanRunnerTest {

    @TempDir
    Path tmp;
    TestDatabase database;
    TransactionalRunStore runs;
    RasProject project;
    final List<String> lost = new CopyOnWriteArrayList<>();
    final LiveAttempts live = new LiveAttempts();
    final List<RunContext> contexts = new ArrayList<>();
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry meterRegistry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2();
        // no LeaseKeeper renews leases here: one longer than any test
        runs = new TransactionalRunStore(database.factory(), "server-a", Duration.ofMinutes(30));
        project = RasProject.open(SampleProjects.muncie(tmp));
        for (String plan : List.of("p01", "p02", "p03")) {
            PlanLine.set(project.file(plan), "RASSIM Seconds", "0.3");
        }
    }

    @AfterEach
    void tearDown() {
        contexts.forEach(RunContext::close);
        database.close();
    }

    private long newRun(String... plans) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (String plan : plans) {
            titles.put(plan, project.plan(PlanId.parse(plan)).title());
        }
        return TransactionalRunStore.startedRun(runs, project.projectFile().toString(), titles);
    }

    /** One execution of the run, as the stage step makes it, over {@code workers} (the first preprocessors may serve). */
    private RunContext execution(long runId, int maxAttempts, List<Worker> workers, List<Worker> preprocessors) {
        return execution(runId, new RunSettings(1, false, maxAttempts, Duration.ofMinutes(2), 0), workers, preprocessors);
    }

    private RunContext execution(long runId, RunSettings settings, List<Worker> workers, List<Worker> preprocessors) {
        Map<String, Worker> byName = new LinkedHashMap<>();
        workers.forEach(w -> byName.put(w.spec().name(), w));
        List<WorkerSpec> specs = new ArrayList<>();
        workers.forEach(w -> specs.add(w.spec()));
        preprocessors.forEach(w -> specs.add(w.spec()));
        SlotPool pool = new SlotPool(specs);
        HostPreprocessing preprocessing = new HostPreprocessing(runId, project.folder(), preprocessors, worker -> {
            SlotPool.Slot slot = pool.acquireOn(worker, Duration.ofMinutes(1)).orElseThrow();
            return () -> pool.release(slot);
        });
        RunContext context = new RunContext(runId, contexts.size() + 1, runs.node(), project,
                ProjectSnapshot.of(project, project.planIds()), pool, byName,
                settings, preprocessing,
                new io.rasfleet.metrics.FleetMeters(meterRegistry));
        contexts.add(context);
        return context;
    }

    private String run(RunContext context, String plan) throws InterruptedException {
        return run(runs, context, plan);
    }

    private String run(TransactionalRunStore server, RunContext context, String plan) throws InterruptedException {
        return new PlanRunner(server, server.attempts(), (worker, reason) -> lost.add(worker), live).run(context, plan);
    }

    private List<AttemptEntity> attempts(long runId, String plan) {
        return runs.findWithAttempts(runId).orElseThrow().getPlans().stream().filter(p -> p.getPlan().equals(plan)).findFirst()
                .orElseThrow().getAttemptRecords();
    }

    private LocalWorker local(String name, int slots) {
        return new LocalWorker(WorkerSpecs.local(name, StandIn.rasLauncher(tmp.resolve("ras"))).cores(slots, 1)
                .folder(tmp.resolve(name)).build());
    }

    /** One attempt's settings with ras-commander's geometry options. */
    private static RunSettings geometry(boolean force, boolean copyOutputs) {
        return new RunSettings(1, false, 2, Duration.ofMinutes(2), 0, force, copyOutputs);
    }

    private String reason(long runId, String plan) {
        List<AttemptEntity> attempts = attempts(runId, plan);
        return attempts.get(attempts.size() - 1).getReason();
    }

    @Test
    void copyGeometryOutputsBringsTheGeometryHdfAndPreprocessorFileHomeSoTheNextRunDoesNotPreprocessAgain() throws Exception {
        Path geometryHdf = project.folder().resolve("Muncie.g05.hdf");
        Path preprocessed = project.folder().resolve("Muncie.c05");
        assertFalse(Files.exists(geometryHdf) || Files.exists(preprocessed), "the sample was never preprocessed");
        long first = newRun("01");
        assertEquals("SUCCEEDED", run(execution(first, geometry(false, true), List.of(local("w", 1)), List.of()), "01"));
        assertTrue(attempts(first, "01").get(0).getMessages().contains("Geometric Preprocessor"), "the run preprocessed g05");
        assertTrue(Files.isRegularFile(geometryHdf) && Files.isRegularFile(preprocessed), reason(first, "01"));
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(geometryHdf)) {
            assertEquals("HEC-RAS Geometry", hdf.getAttribute("File Type").getData(), "the preprocessor's own geometry HDF came home");
        }
        assertTrue(reason(first, "01").contains("Muncie.g05.hdf, Muncie.c05 were brought home"), reason(first, "01"));
        assertTrue(Files.getLastModifiedTime(project.file("p01.hdf")).compareTo(Files.getLastModifiedTime(geometryHdf)) > 0,
                "the result came home after its geometry, so it is current");

        long second = newRun("02");
        project = RasProject.open(project.projectFile());
        assertEquals("SUCCEEDED", run(execution(second, geometry(false, true), List.of(local("w2", 1)), List.of()), "02"));
        assertFalse(attempts(second, "02").get(0).getMessages().contains("Geometric Preprocessor"),
                "plan 02 on the same geometry computed without preprocessing it again");
    }

    /**
     * Plan 01 brings the geometry HDF of g05 home while the run goes on; plan 02 of the same run, on
     * g05 too, is staged from the run's snapshot, which never held that file: it must not look for it there.
     */
    @Test
    void aGeometryHdfAnEarlierPlanOfTheRunBroughtHomeIsNotLookedForInTheRunsSnapshot() throws Exception {
        long runId = newRun("01", "02");
        RunContext context = execution(runId, geometry(false, true), List.of(local("w", 1)), List.of());
        assertEquals("SUCCEEDED", run(context, "01"));
        assertTrue(Files.isRegularFile(project.folder().resolve("Muncie.g05.hdf")), reason(runId, "01"));
        assertEquals("SUCCEEDED", run(context, "02"), reason(runId, "02"));
    }

    @Test
    void withoutCopyGeometryOutputsThePreprocessorsOutputsStayOnTheWorker() throws Exception {
        long runId = newRun("01");
        assertEquals("SUCCEEDED", run(execution(runId, geometry(false, false), List.of(local("w", 1)), List.of()), "01"));
        assertTrue(attempts(runId, "01").get(0).getMessages().contains("Geometric Preprocessor"), "the run preprocessed g05");
        assertTrue(Files.isRegularFile(project.file("p01.hdf")), "the result came home");
        assertFalse(Files.exists(project.folder().resolve("Muncie.g05.hdf")));
        assertFalse(Files.exists(project.folder().resolve("Muncie.c05")));
    }

    @Test
    void geometryOutputsDoNotComeHomeWhenTheProjectsGeometryWasEditedAfterStagingAndTheAttemptSaysWhy() throws Exception {
        long runId = newRun("01");
        Path geometry = project.folder().resolve("Muncie.g05");
        ExecutorService partition = Executors.newSingleThreadExecutor();
        try (PlanLine slow = PlanLine.set(project.file("p01"), "RASSIM Seconds", "4")) {
            RunContext context = execution(runId, geometry(false, true), List.of(local("w", 1)), List.of());
            Future<String> end = partition.submit(() -> run(context, "01"));
            io.rasfleet.testing.Await.until("the plan computes on its staged copy", Duration.ofSeconds(30),
                    () -> attempts(runId, "01"), a -> a.size() == 1 && a.get(0).getPid() != null);
            // the modeller saves the geometry while the run computes on its copy
            Files.writeString(geometry, Files.readString(geometry, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("Geom Title=", "Geom Title=edited "), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals("SUCCEEDED", end.get(1, TimeUnit.MINUTES), "the plan's own result still counts");
        } finally {
            partition.shutdownNow();
        }
        assertTrue(Files.isRegularFile(project.file("p01.hdf")));
        assertFalse(Files.exists(project.folder().resolve("Muncie.g05.hdf")), "no geometry HDF beside the edited geometry");
        assertFalse(Files.exists(project.folder().resolve("Muncie.c05")), "no preprocessor file of the old geometry");
        assertTrue(reason(runId, "01").contains("were not brought home: Muncie.g05 changed in the project since the run staged it"),
                reason(runId, "01"));
    }

    @Test
    void maxAttemptsCountsTheAttemptsOfEarlierExecutionsSoARestartNeverExceedsIt() throws Exception {
        long runId = newRun("01");
        // an earlier execution's attempt, lost with its server
        var earlier = runs.attempts().startAttempt(runId, "01", "w1", "h1");
        runs.attempts().markLost(earlier.id(), "lost: the server stopped");
        TestWorkers.Failing w1 = new TestWorkers.Failing(TestWorkers.linuxSpec("w1", 1, false), "linux-1.example", false);
        TestWorkers.Failing w2 = new TestWorkers.Failing(TestWorkers.linuxSpec("w2", 1, false), "linux-2.example", false);

        assertEquals("FAILED", run(execution(runId, 2, List.of(w1, w2), List.of()), "01"));

        assertEquals(1, w1.started.size() + w2.started.size(), "one attempt was left of the two");
        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(2, attempts.size());
        assertEquals(List.of("LOST", "MACHINE_FAILED"), attempts.stream().map(AttemptEntity::getOutcome).toList());
        assertEquals(2, runs.plan(runId, "01").getAttempts());

        // a restart after that: the plan's attempts are used up, so nothing starts and the plan says why
        assertEquals("FAILED", run(execution(runId, 2, List.of(w1, w2), List.of()), "01"));
        assertEquals(1, w1.started.size() + w2.started.size());
        PlanRunEntity plan = runs.plan(runId, "01");
        assertEquals(2, plan.getAttempts());
        assertTrue(plan.getError().contains("all 2 attempts of this plan were used"), plan.getError());

        // an operator raises maxAttempts with the restart: one more attempt, counted with the others
        runs.maxAttempts(runId, 3);
        assertEquals("FAILED", run(execution(runId, 3, List.of(w1, w2), List.of()), "01"));
        assertEquals(2, w1.started.size() + w2.started.size());
        assertEquals(3, runs.plan(runId, "01").getAttempts());
        assertEquals(3, runs.find(runId).orElseThrow().getMaxAttempts());
    }

    @Test
    void aMachineFailureIsTriedOnAnotherWorkerAndEachAttemptRecordsItsWorkersHost() throws Exception {
        long runId = newRun("01");
        TestWorkers.Failing broken = new TestWorkers.Failing(TestWorkers.linuxSpec("broken", 1, false), "linux-9.example", true);
        LocalWorker good = local("good", 1);
        RunContext context = execution(runId, 2, List.of(broken, good), List.of());

        assertEquals("SUCCEEDED", run(context, "01"));

        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(List.of("WORKER_LOST", "SUCCEEDED"), attempts.stream().map(AttemptEntity::getOutcome).toList());
        assertEquals("linux-9.example", attempts.get(0).getHost(), "the worker's host, not the app server's");
        assertEquals(good.host(), attempts.get(1).getHost());
        assertEquals(List.of("broken"), lost, "a lost worker is reported to the health check");
        assertTrue(Files.isRegularFile(project.file("p01.hdf")));
        // each attempt is metered where it ran, the plan's end on the worker of its last attempt
        assertEquals(1.0, meterRegistry.get("rasfleet.attempts").tags("outcome", "WORKER_LOST", "worker", "broken").counter().count());
        assertEquals(1.0, meterRegistry.get("rasfleet.attempts").tags("outcome", "SUCCEEDED", "worker", "good").counter().count());
        assertEquals(1, meterRegistry.get("rasfleet.attempt.duration").tags("worker", "good").timer().count());
        assertEquals(1.0, meterRegistry.get("rasfleet.plans.ended").tags("state", "SUCCEEDED", "worker", "good").counter().count());
        assertTrue(meterRegistry.find("rasfleet.plans.ended").tags("worker", "broken").counters().isEmpty(),
                "a plan tried again is not counted as ended on the worker that lost it");
        assertEquals(0.0, meterRegistry.get("rasfleet.plans").tags("state", "RUNNING", "worker", "good").gauge().value());
        // the snapshot the run staged: the project has the geometry preprocessor's outputs since
        assertEquals(context.snapshot.totalBytes(),
                meterRegistry.get("rasfleet.staged.bytes").tags("worker", "good").counter().count(), 0.0);
    }

    @Test
    void aFailedClusterNodeIsAvoidedAndThePlanTriedAgainOnTheSameClusterWithinItsAttempts() throws Exception {
        long runId = newRun("01");
        TestWorkers.FailingNodes cluster = new TestWorkers.FailingNodes(TestWorkers.linuxSpec("cluster", 1, false), "login.example",
                "node-1", "node-2");

        assertEquals("FAILED", run(execution(runId, 3, List.of(cluster), List.of()), "01"));

        assertEquals(List.of(java.util.Set.of(), java.util.Set.of("node-1"), java.util.Set.of("node-1", "node-2")),
                cluster.started.stream().map(io.rasfleet.worker.PlanTask::avoidNodes).toList(),
                "each try on the cluster avoids the nodes that failed before");
        assertEquals(List.of("MACHINE_FAILED", "MACHINE_FAILED", "MACHINE_FAILED"),
                attempts(runId, "01").stream().map(AttemptEntity::getOutcome).toList());
        assertTrue(attempts(runId, "01").get(0).getReason().contains("node node-1 of login.example failed"),
                attempts(runId, "01").get(0).getReason());
    }

    @Test
    void aClusterWhoseNodeFailedIsNotTriedBeyondThePlansAttempts() throws Exception {
        long runId = newRun("01");
        TestWorkers.FailingNodes cluster = new TestWorkers.FailingNodes(TestWorkers.linuxSpec("cluster", 1, false), "login.example",
                "node-1", "node-2", "node-3");

        assertEquals("FAILED", run(execution(runId, 2, List.of(cluster), List.of()), "01"));

        assertEquals(2, cluster.started.size());
        assertEquals(2, runs.plan(runId, "01").getAttempts());
    }

    @Test
    void aPlanLeasedByAnotherLiveServerIsLeftToItAndThePlanSaysWhy() throws Exception {
        long runId = newRun("01");
        TransactionalRunStore serverB = new TransactionalRunStore(database.factory(), "server-b", Duration.ofSeconds(60));
        serverB.attempts().startAttempt(runId, "01", "good", "somewhere");
        LocalWorker good = local("good", 1);

        assertEquals("RUNNING", run(execution(runId, 2, List.of(good), List.of()), "01"));

        PlanRunEntity plan = runs.plan(runId, "01");
        assertEquals(PlanRunEntity.State.RUNNING, plan.getState(), "the plan stays the other server's");
        assertEquals(1, plan.getAttempts(), "no attempt of this server was recorded");
        assertTrue(plan.getNote() != null && plan.getNote().contains("server server-a left this plan alone")
                && plan.getNote().contains("server-b"), String.valueOf(plan.getNote()));
        assertFalse(Files.exists(project.file("p01.hdf")));
    }

    @Test
    void aPreprocessingThatWritesNoComputeInputsIsTheModelsAnswerGivenOnceAndNotRetried() throws Exception {
        long runId = newRun("03");
        PlanLine.set(project.file("p03"), "RASSIM Outcome", "no-output");
        LocalWorker windows = local("windows", 1);
        TestWorkers.Failing linux1 = new TestWorkers.Failing(TestWorkers.linuxSpec("linux1", 1, true), "linux-1.example", false);
        TestWorkers.Failing linux2 = new TestWorkers.Failing(TestWorkers.linuxSpec("linux2", 1, true), "linux-2.example", false);

        assertEquals("FAILED", run(execution(runId, 3, List.of(linux1, linux2), List.of(windows)), "03"));

        List<AttemptEntity> attempts = attempts(runId, "03");
        assertEquals(1, attempts.size(), "HEC-RAS's answer is not asked for again");
        assertEquals("MODEL_FAILED", attempts.get(0).getOutcome());
        assertTrue(attempts.get(0).getReason().contains("preprocessing"), attempts.get(0).getReason());
        assertEquals(windows.host(), attempts.get(0).getHost(), "where HEC-RAS answered");
        assertEquals(0, linux1.started.size() + linux2.started.size(), "no Linux worker was asked to compute without inputs");
    }

    @Test
    void plansPreprocessSideBySideInThePreprocessorsSlotsAndEachOnlyOnce() throws Exception {
        long runId = newRun("01", "02");
        CyclicBarrier both = new CyclicBarrier(2);
        TestWorkers.Preprocessor windows = new TestWorkers.Preprocessor(WorkerSpecs.local("windows",
                StandIn.rasLauncher(tmp.resolve("ras"))).cores(2, 1).folder(tmp.resolve("windows")).build(),
                (task, into) -> {
                    try {
                        // both plans must be in here at once: one preprocessing at a time would wait forever
                        both.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("plan " + task.plan().id() + " preprocessed alone: " + e, e);
                    }
                    Map<String, Path> made = new LinkedHashMap<>();
                    for (String name : io.rasfleet.project.ComputeInputs.of(task.projectName(), task.plan()).names()) {
                        try {
                            made.put(name, Files.writeString(into.resolve(name), "made for " + task.plan().id()));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return Preprocessed.made("windows-host", made);
                });
        TestWorkers.Failing linux1 = new TestWorkers.Failing(TestWorkers.linuxSpec("linux1", 1, true), "linux-1.example", false);
        TestWorkers.Failing linux2 = new TestWorkers.Failing(TestWorkers.linuxSpec("linux2", 1, true), "linux-2.example", false);
        RunContext context = execution(runId, 2, List.of(linux1, linux2), List.of(windows));

        ExecutorService partitions = Executors.newFixedThreadPool(2);
        try {
            Future<String> one = partitions.submit(() -> run(context, "01"));
            Future<String> two = partitions.submit(() -> run(context, "02"));
            assertEquals("FAILED", one.get(2, TimeUnit.MINUTES));
            assertEquals("FAILED", two.get(2, TimeUnit.MINUTES));
        } finally {
            partitions.shutdownNow();
        }
        assertEquals(List.of("01", "02"), windows.calls.stream().sorted().toList(), "each plan preprocessed once");
        assertEquals(4, linux1.started.size() + linux2.started.size(), "both attempts of both plans reached a Linux worker");
        assertTrue(linux1.started.stream().allMatch(t -> t.computeInputs().size() == 3), "with the inputs made for them");
    }

    @Test
    void closingAnExecutionStopsItsPlansAndRemovesWhatItLeftOnItsWorkers() throws Exception {
        long runId = newRun("02");
        PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang");
        LocalWorker worker = local("closing", 1);
        RunContext context = execution(runId, 2, List.of(worker), List.of());
        ExecutorService partition = Executors.newSingleThreadExecutor();
        try {
            Future<String> plan = partition.submit(() -> run(context, "02"));
            Path runFolder = tmp.resolve("closing").resolve("server-a").resolve("run-" + runId);
            io.rasfleet.testing.Await.until("the plan's folder appears", Duration.ofSeconds(30),
                    () -> Files.isDirectory(runFolder.resolve("p02-a1")), Boolean::booleanValue);

            context.close();

            assertEquals("STOPPED", plan.get(1, TimeUnit.MINUTES));
            assertFalse(Files.exists(runFolder), "the run's folder on the worker is removed");
        } finally {
            partition.shutdownNow();
        }
        assertEquals(PlanRunEntity.State.STOPPED, runs.plan(runId, "02").getState());
    }
    /** Waits until the first attempt of {@code plan} has its folder on {@code worker}: it is staged and computes, or is about to. */
    private void awaitFirstAttempt(String worker, long runId, String plan) throws Exception {
        io.rasfleet.testing.Await.until("plan " + plan + " computes", Duration.ofSeconds(30),
                () -> Files.isDirectory(tmp.resolve(worker).resolve("server-a").resolve("run-" + runId).resolve("p" + plan + "-a1")),
                Boolean::booleanValue);
    }

    /** Starts {@code plan} of the context's run on a thread of its own. */
    private Future<String> start(ExecutorService partitions, RunContext context, String plan) {
        return partitions.submit(() -> run(context, plan));
    }

    /**
     * What a server's previous life leaves when it dies mid-attempt: attempt 1 of {@code plan}
     * RUNNING in the database and its plan launched on {@code worker} by a session nobody closes.
     */
    private io.rasfleet.worker.PlanExecution previousLife(long runId, String plan, LocalWorker worker) throws Exception {
        io.rasfleet.store.AttemptStore.StartedAttempt started = runs.attempts().startAttempt(runId, plan, worker.spec().name(),
                worker.host());
        io.rasfleet.project.Plan p = project.plan(PlanId.parse(plan));
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, project.planIds());
        io.rasfleet.worker.WorkerSession session = worker.open(new io.rasfleet.worker.WorkerRun(runs.node(), runId, snapshot));
        return session.start(new io.rasfleet.worker.PlanTask(runId, p, project.name(), snapshot.held(project.filesFor(p.id()).files()),
                started.number(), 1, Duration.ofMinutes(2), false, null));
    }

    /** The next life of server-a: it takes back what its previous life left RUNNING, as the start-up does. */
    private HeldAttempts nextLife(RunContext context) {
        HeldAttempts held = new HeldAttempts(live, context.pool);
        TransactionalRunStore reborn = new TransactionalRunStore(database.factory(), "server-a", Duration.ofMinutes(30));
        for (io.rasfleet.store.AttemptStore.RunningAttempt left : reborn.attempts().runningAttempts()) {
            held.hold(reborn.attempts().reown(left).orElseThrow(), left.worker(), left.host());
        }
        context.adopting(held);
        return held;
    }

    @Test
    void anAttemptThePreviousLifeLeftComputingIsAdoptedAndFollowedToItsEndWithoutASecondLaunch() throws Exception {
        long runId = newRun("01");
        LocalWorker worker = local("one", 1);
        try (PlanLine slow = PlanLine.set(project.file("p01"), "RASSIM Seconds", "4")) {
            io.rasfleet.worker.PlanExecution orphan = previousLife(runId, "01", worker);
            long pid = orphan.process().pid();
            RunContext next = execution(runId, 1, List.of(worker), List.of());
            nextLife(next);
            assertTrue(live.covers(new io.rasfleet.worker.AttemptRef("server-a", runId, "p01-a1")),
                    "held, its work is spared by the start-up clean-up");
            assertEquals("SUCCEEDED", run(next, "01"));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "followed to its end");
        }
        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(List.of("SUCCEEDED"), attempts.stream().map(AttemptEntity::getOutcome).toList(), "one attempt, one launch");
        assertTrue(Files.isRegularFile(project.file("p01.hdf")), "the adopted attempt's result is home");
        assertTrue(live.isEmpty(), "no longer live once ended");
    }

    @Test
    void anAttemptWhoseWorkEndedWhileTheServerWasDownBringsItsResultHomeWithoutComputingAgain() throws Exception {
        long runId = newRun("01");
        LocalWorker worker = local("one", 1);
        io.rasfleet.worker.PlanExecution orphan = previousLife(runId, "01", worker);
        orphan.await();
        RunContext next = execution(runId, 1, List.of(worker), List.of());
        nextLife(next);
        assertEquals("SUCCEEDED", run(next, "01"));
        assertEquals(List.of("SUCCEEDED"), attempts(runId, "01").stream().map(AttemptEntity::getOutcome).toList());
        assertTrue(Files.isRegularFile(project.file("p01.hdf")));
    }

    @Test
    void anAttemptWhoseWorkIsGoneEndsLostSayingSoAndThePlanRunsAgain() throws Exception {
        long runId = newRun("01");
        LocalWorker worker = local("one", 1);
        io.rasfleet.worker.PlanExecution orphan = previousLife(runId, "01", worker);
        orphan.stop("the machine rebooted");
        orphan.close();
        RunContext next = execution(runId, 2, List.of(worker), List.of());
        nextLife(next);
        assertEquals("SUCCEEDED", run(next, "01"));
        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(List.of("MACHINE_FAILED", "SUCCEEDED"), attempts.stream().map(AttemptEntity::getOutcome).toList());
        assertTrue(attempts.get(0).getReason().contains("its work there was gone"), attempts.get(0).getReason());
    }

    @Test
    void aStopReachesAnAdoptedAttemptAndEndsItsWork() throws Exception {
        long runId = newRun("01");
        LocalWorker worker = local("one", 1);
        try (PlanLine slow = PlanLine.set(project.file("p01"), "RASSIM Seconds", "120")) {
            io.rasfleet.worker.PlanExecution orphan = previousLife(runId, "01", worker);
            long pid = orphan.process().pid();
            RunContext next = execution(runId, 1, List.of(worker), List.of());
            nextLife(next);
            next.stop("the run was stopped");
            assertEquals("STOPPED", run(next, "01"));
            io.rasfleet.testing.Await.until("the adopted process ends", Duration.ofSeconds(30),
                    () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        }
        assertEquals(List.of("STOPPED"), attempts(runId, "01").stream().map(AttemptEntity::getOutcome).toList());
    }

    @Test
    void aStopNeverUsesUpAnAttemptSoARestartRunsTheStoppedPlanAgainWhateverMaxAttemptsSays() throws Exception {
        long runId = newRun("02");
        LocalWorker worker = local("one", 1);
        ExecutorService partition = Executors.newSingleThreadExecutor();
        try (PlanLine slow = PlanLine.set(project.file("p02"), "RASSIM Seconds", "120")) {
            RunContext first = execution(runId, 1, List.of(worker), List.of());
            Future<String> plan = start(partition, first, "02");
            awaitFirstAttempt("one", runId, "02");
            first.stop("the run was stopped");
            assertEquals("STOPPED", plan.get(1, TimeUnit.MINUTES));
        } finally {
            partition.shutdownNow();
        }

        assertEquals("SUCCEEDED", run(execution(runId, 1, List.of(worker), List.of()), "02"),
                "a stop is no failure of the plan: with maxAttempts 1 the restart runs it again");
        assertEquals(List.of("STOPPED", "SUCCEEDED"), attempts(runId, "02").stream().map(AttemptEntity::getOutcome).toList());
    }

    @Test
    void aStopWhileOtherRunsHoldEverySlotEndsTheWaitingPlansAtOnceWithoutAnAttemptAndTheRestartRunsThemAll() throws Exception {
        long busyRun = newRun("01");
        long stoppedRun = newRun("02", "03");
        LocalWorker worker = local("shared", 1);
        ExecutorService partitions = Executors.newFixedThreadPool(3);
        try (PlanLine slow = PlanLine.set(project.file("p01"), "RASSIM Seconds", "120")) {
            RunContext other = execution(busyRun, 1, List.of(worker), List.of());
            RunContext waiting = new RunContext(stoppedRun, 1, runs.node(), project, ProjectSnapshot.of(project, project.planIds()),
                    other.pool, other.workers, new RunSettings(1, false, 1, Duration.ofMinutes(2), 0), other.preprocessing,
                    new io.rasfleet.metrics.FleetMeters(meterRegistry));
            contexts.add(waiting);
            Future<String> holder = start(partitions, other, "01");
            io.rasfleet.testing.Await.until("the other run holds the only slot", Duration.ofSeconds(30),
                    () -> other.pool.busy("shared"), busy -> busy == 1);
            Future<String> two = start(partitions, waiting, "02");
            Future<String> three = start(partitions, waiting, "03");
            io.rasfleet.testing.Await.until("both plans wait for the slot", Duration.ofSeconds(30),
                    () -> other.pool.waiting(), n -> n == 2);

            long stoppedAt = System.nanoTime();
            waiting.stop("the run was stopped");
            assertEquals("STOPPED", two.get(5, TimeUnit.SECONDS));
            assertEquals("STOPPED", three.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(5));
            assertEquals(0, runs.plan(stoppedRun, "02").getAttempts(), "a plan that never got a slot counts no attempt");
            assertEquals(0, runs.plan(stoppedRun, "03").getAttempts());
            assertEquals(PlanRunEntity.State.STOPPED, runs.plan(stoppedRun, "02").getState());
            assertTrue(attempts(stoppedRun, "02").isEmpty() && attempts(stoppedRun, "03").isEmpty(), "nothing launched");
            assertFalse(holder.isDone(), "the other run's plan computes on");
            other.stop("done with the test");
            holder.get(1, TimeUnit.MINUTES);
        } finally {
            partitions.shutdownNow();
        }

        RunContext restart = execution(stoppedRun, 1, List.of(worker), List.of());
        assertEquals("SUCCEEDED", run(restart, "02"));
        assertEquals("SUCCEEDED", run(restart, "03"));
    }

    /**
     * A self-fence is this server's doing (it could not renew its leases for half a lease: a loaded
     * machine, a slow database), not the worker's: when the token still holds afterwards, the plan
     * comes back to the same worker within its attempts, instead of failing with "no other worker to
     * try" (TwoServersIT saw a loaded server fail five plans of a run so).
     */
    @Test
    void anAttemptThisServerFencedItselfIsTriedAgainOnTheSameWorker() throws Exception {
        long runId = newRun("02");
        LocalWorker worker = local("only", 1);
        ExecutorService partition = Executors.newSingleThreadExecutor();
        // long enough to be fenced while it computes, short enough to be run again from the same snapshot
        try (PlanLine slow = PlanLine.set(project.file("p02"), "RASSIM Seconds", "5")) {
            Future<String> plan = start(partition, execution(runId, 2, List.of(worker), List.of()), "02");
            awaitFirstAttempt("only", runId, "02");
            live.fenceAll("this server could not renew its lease for 5000 ms, half the lease of 8000 ms");
            assertEquals("SUCCEEDED", plan.get(1, TimeUnit.MINUTES));
        } finally {
            partition.shutdownNow();
        }
        assertEquals(List.of("MACHINE_FAILED", "SUCCEEDED"), attempts(runId, "02").stream().map(AttemptEntity::getOutcome).toList());
    }

    @Test
    void whateverTheStoreThrowsDuringAnAttemptTheAttemptEndsRecordedAsAMachineFailureWithTheCause() throws Exception {
        io.rasfleet.store.TransactionalAttemptStore blip = new io.rasfleet.store.TransactionalAttemptStore(database.factory(),
                "server-a", Duration.ofMinutes(30)) {
            @Override
            public boolean attemptProcess(io.rasfleet.store.OwnerToken token, long pid, java.time.Instant processStart) {
                throw new IllegalStateException("database blip while recording the process");
            }
        };
        long runId = newRun("01");
        LocalWorker worker = local("blip", 1);

        assertEquals("FAILED", new PlanRunner(runs, blip, (w, reason) -> lost.add(w), live)
                .run(execution(runId, 1, List.of(worker), List.of()), "01"));

        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(1, attempts.size());
        assertEquals("MACHINE_FAILED", attempts.get(0).getOutcome());
        assertTrue(attempts.get(0).getReason().contains("database blip while recording the process"), attempts.get(0).getReason());
        assertFalse(Files.exists(project.file("p01.hdf")), "nothing delivered from an attempt whose record failed");
    }

    @Test
    void aPlanTakenOverByAPeerIsDeliveredOnceByItAndTheOldOwnerStopsWithoutWritingOverThePeersRecord() throws Exception {
        database.close();
        database = TestDatabase.postgresql();
        TransactionalRunStore alpha = new TransactionalRunStore(database.factory(), "alpha", Duration.ofSeconds(2));
        TransactionalRunStore beta = new TransactionalRunStore(database.factory(), "beta", Duration.ofMinutes(30));
        runs = alpha;
        long runId = newRun("01");
        Path result = project.file("p01.hdf");
        ExecutorService alphaPartition = Executors.newSingleThreadExecutor();
        try (PlanLine slow = PlanLine.set(project.file("p01"), "RASSIM Seconds", "8");
             io.rasfleet.testing.Renames deliveries = io.rasfleet.testing.Renames.into(result)) {
            // alpha's worker is on a machine of its own: beta can reach neither its folders nor its processes
            RunContext onAlpha = execution(runId, 2, List.of(new TestWorkers.Elsewhere(local("alpha-w", 1), "alpha-machine.example")),
                    List.of());
            Future<String> alphaEnd = alphaPartition.submit(() -> run(alpha, onAlpha, "01"));
            io.rasfleet.testing.Await.until("alpha's attempt computes and its lease of 2 s runs out", Duration.ofSeconds(30),
                    () -> attempts(runId, "01"), a -> a.size() == 1 && a.get(0).getPid() != null
                            && a.get(0).getLeaseUntil().isBefore(java.time.Instant.now()));

            runs = beta;
            RunContext onBeta = execution(runId, 2, List.of(local("beta-w", 1)), List.of());
            assertEquals("SUCCEEDED", run(beta, onBeta, "01"), "beta takes the plan over and runs it to its end");
            assertEquals("RUNNING", alphaEnd.get(1, TimeUnit.MINUTES), "alpha leaves the plan to beta, whose it is now");

            assertEquals(1, deliveries.count(), "the plan's result was renamed into the project once, by its one owner");
        } finally {
            alphaPartition.shutdownNow();
        }
        List<AttemptEntity> attempts = attempts(runId, "01");
        assertEquals(List.of("LOST", "SUCCEEDED"), attempts.stream().map(AttemptEntity::getOutcome).toList(),
                "alpha's late end did not write over the attempt beta took over");
        assertEquals(List.of("alpha", "beta"), attempts.stream().map(AttemptEntity::getNode).toList());
        assertEquals(PlanRunEntity.State.SUCCEEDED, runs.plan(runId, "01").getState());
    }
}
