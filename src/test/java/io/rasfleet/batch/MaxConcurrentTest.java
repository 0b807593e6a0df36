package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.RasProject;
import io.rasfleet.schedule.ServerSlots;
import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.store.TransactionalWorkerStore;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.TestDatabase;
import io.rasfleet.testing.WorkerSpecs;
import jakarta.batch.api.partition.PartitionPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * A run's {@code maxConcurrent} against the server's own parts outside the container: the stage
 * step ({@link RunCoordinator#stage}) on a real database, the partition plan as the mapper makes
 * it, and its partitions run the way JBeret runs a partitioned step (at most {@code threads} at
 * once), each a {@link PlanRunner} on a local worker of four slots with the HEC-RAS stand-in. How
 * many plans computed at once is read afterwards from the attempts the store recorded.
 */
@EnabledOnOs(OS.LINUX)
class MaxConcurrentTest {

    @TempDir
    Path tmp;
    TestDatabase database;
    TransactionalRunStore runs;
    RunCoordinator coordinator;
    RasProject project;
    final List<Long> staged = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2();
        // no LeaseKeeper renews leases here: one longer than any test
        runs = new TransactionalRunStore(database.factory(), "server-a", Duration.ofMinutes(30));
        TransactionalWorkerStore workers = new TransactionalWorkerStore(database.factory());
        workers.save(WorkerSpecs.local("four", StandIn.rasLauncher(tmp.resolve("ras"))).cores(4, 1).folder(tmp.resolve("four"))
                .build());
        coordinator = new RunCoordinator();
        coordinator.runs = runs;
        coordinator.attempts = runs.attempts();
        coordinator.workerStore = workers;
        coordinator.meters = new io.rasfleet.metrics.FleetMeters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        coordinator.slots(new ServerSlots());
        project = RasProject.open(SampleProjects.muncie(tmp));
        for (String plan : List.of("p01", "p02", "p03", "p04", "p05")) {
            PlanLine.set(project.file(plan), "RASSIM Seconds", "1.5");
            PlanLine.set(project.file(plan), "RASSIM Outcome", "success");
        }
    }

    @AfterEach
    void tearDown() {
        staged.forEach(id -> coordinator.close(id, 1));
        database.close();
    }

    @Test
    void aRunsPlansNeverComputeMoreAtOnceThanItsMaxConcurrentThoughSlotsAreFree() throws Exception {
        long runId = stagedRun(2);
        RunContext context = coordinator.context(runId).orElseThrow();
        assertEquals(4, context.pool.slots(context.workers.keySet()), "four slots free for the run's five plans");

        assertEquals(2, runPartitions(runId), "at most two plans at once, and two while more waited");
    }

    /** The control: the same run without a cap fills every free slot, so the observation above can see more than two. */
    @Test
    void withoutMaxConcurrentTheSamePlansTakeEveryFreeSlot() throws Exception {
        long runId = stagedRun(null);
        assertEquals(4, coordinator.slots(runId));

        int most = runPartitions(runId);
        assertTrue(most > 2, "without a cap more than two plans computed at once: " + most);
    }

    private long stagedRun(Integer maxConcurrent) {
        RunEntity run = new RunEntity();
        run.setProjectFile(project.projectFile().toString());
        run.setRequestedPlans("01,02,03,04,05");
        run.setWorkers("");
        run.setMaxAttempts(1);
        run.setTimeoutMinutes(5);
        run.setMaxConcurrent(maxConcurrent);
        run.setStatus("STARTED");
        long runId = runs.create(run).getId();
        coordinator.stage(runId, 1);
        staged.add(runId);
        return runId;
    }

    /**
     * Runs the run's partitions as JBeret does, all to their end, each plan succeeding, and returns
     * the most attempts that were under way at one moment.
     */
    private int runPartitions(long runId) throws Exception {
        PlanPartitionMapper mapper = new PlanPartitionMapper();
        mapper.coordinator = coordinator;
        PartitionPlan plan = mapper.partitions(runId);
        assertEquals(5, plan.getPartitions());
        RunContext context = coordinator.context(runId).orElseThrow();
        ExecutorService threads = Executors.newFixedThreadPool(plan.getThreads());
        try {
            List<Future<String>> ends = new ArrayList<>();
            for (Properties partition : plan.getPartitionProperties()) {
                ends.add(threads.submit(() -> new PlanRunner(runs, runs.attempts(), coordinator::lost, coordinator.live()).run(context, partition.getProperty("plan"))));
            }
            for (Future<String> end : ends) {
                assertEquals("SUCCEEDED", end.get(3, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }
        Map<Instant, Integer> changes = new java.util.TreeMap<>();
        for (PlanRunEntity p : runs.findWithAttempts(runId).orElseThrow().getPlans()) {
            for (AttemptEntity attempt : p.getAttemptRecords()) {
                changes.merge(attempt.getStartedAt(), 1, Integer::sum);
                changes.merge(attempt.getEndedAt(), -1, Integer::sum);
            }
        }
        int underWay = 0;
        int most = 0;
        for (int change : changes.values()) {
            underWay += change;
            most = Math.max(most, underWay);
        }
        return most;
    }
}
