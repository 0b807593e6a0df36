package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's rules for attempts and leases, on H2 (the demo's database) and on PostgreSQL (two servers share one). */
class RunStoreTest {

    interface Database {
        TestDatabase open() throws Exception;
    }

    static Stream<Database> databases() {
        return Stream.of(TestDatabase::h2, TestDatabase::postgresql);
    }

    private static long run(RunStore runs, String... plans) {
        return TransactionalRunStore.startedRun(runs, plans);
    }

    private static RunStore.AttemptRecord ended(String outcome, RunStore.End end) {
        return new RunStore.AttemptRecord(outcome, end, null, "why: " + outcome, "host-1", 0, null, 1.0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theStoresCountDecidesWhetherAMachineFailureLeavesThePlanPendingOrFailed(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long id = run(runs, "01");
            RunStore.StartedAttempt first = runs.startAttempt(id, "01", "w1", "host-1");
            assertEquals(1, first.number());
            assertEquals(PlanRunEntity.State.PENDING, runs.endAttempt(first.id(), ended("WORKER_LOST", RunStore.End.RETRYABLE), 2, null));
            assertTrue(runs.attemptsLeft(id, "01", 2));
            RunStore.StartedAttempt second = runs.startAttempt(id, "01", "w2", "host-2");
            assertEquals(2, second.number());
            assertEquals(PlanRunEntity.State.FAILED, runs.endAttempt(second.id(), ended("MACHINE_FAILED", RunStore.End.RETRYABLE), 2,
                    null));
            assertFalse(runs.attemptsLeft(id, "01", 2));
            PlanRunEntity plan = runs.plan(id, "01");
            assertTrue(plan.getError().startsWith("all 2 attempts of this plan were used"), plan.getError());
            assertTrue(plan.getError().endsWith("why: MACHINE_FAILED"), plan.getError());
            assertEquals("host-1", runs.findWithAttempts(id).orElseThrow().getPlans().get(0).getAttemptRecords().get(0).getHost());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLiveLeaseKeepsAPlanWithItsServerAndAnExpiredOneIsTakenOver(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore a = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunStore b = new TransactionalRunStore(db.factory(), "server-b", Duration.ofSeconds(60));
            long id = run(a, "01");
            RunStore.StartedAttempt held = a.startAttempt(id, "01", "w1", "host-1");
            a.attemptProcess(held.id(), 4242, java.time.Instant.parse("2026-11-28T04:00:00Z"));

            PlanLeasedException refused = assertThrows(PlanLeasedException.class, () -> b.startAttempt(id, "01", "w2", "host-2"));
            assertTrue(refused.getMessage().contains("server-a"), refused.getMessage());
            assertTrue(b.runningElsewhere(id).orElseThrow().contains("server-a"));
            assertTrue(a.runningElsewhere(id).isEmpty(), "its own attempts are not elsewhere");
            assertEquals(1, a.renewLeases());
            assertEquals(0, b.renewLeases(), "a server renews only its own leases");

            RunStore expired = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(-1));
            expired.renewLeases();
            RunStore.StartedAttempt taken = b.startAttempt(id, "01", "w2", "host-2");
            assertEquals(2, taken.number(), "the count goes on across servers");
            assertEquals(1, taken.takenOver().size());
            RunStore.RunningAttempt dead = taken.takenOver().get(0);
            assertEquals(List.of("server-a", 4242L, 1), List.of(dead.node(), dead.pid(), dead.number()),
                    "what the taking server needs to end the dead attempt where it ran");
            AttemptEntity lost = b.findWithAttempts(id).orElseThrow().getPlans().get(0).getAttemptRecords().get(0);
            assertEquals("LOST", lost.getOutcome());
            assertTrue(lost.getReason().contains("taken over by server server-b"), lost.getReason());
        }
    }

    /** The statements and attempt entities one read of a run for the API takes: the same for 2 plans as for 40. */
    private static long[] viewCost(TestDatabase db, RunStore runs, long id, int plans) {
        org.hibernate.stat.Statistics stats = db.factory().unwrap(org.hibernate.SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        RunReads.RunForView view = new TransactionalRunReads(db.factory()).findForView(id).orElseThrow();
        assertEquals(plans, view.run().getPlans().size());
        for (PlanRunEntity plan : view.run().getPlans()) {
            List<io.rasfleet.store.AttemptEntity.Summary> attempts = view.attempts(plan.getPlan());
            assertEquals(List.of(1, 2), attempts.stream().map(io.rasfleet.store.AttemptEntity.Summary::number).toList());
            assertEquals("host-1", attempts.get(0).host());
        }
        return new long[] {stats.getPrepareStatementCount(), stats.getEntityStatistics(AttemptEntity.class.getName()).getLoadCount()};
    }

    private static long runWithTwoAttemptsEach(RunStore runs, int plans) {
        String[] ids = new String[plans];
        for (int i = 0; i < plans; i++) {
            ids[i] = String.format("%02d", i + 1);
        }
        long id = run(runs, ids);
        for (String plan : ids) {
            RunStore.StartedAttempt first = runs.startAttempt(id, plan, "w1", "host-1");
            runs.endAttempt(first.id(), new RunStore.AttemptRecord("WORKER_LOST", RunStore.End.RETRYABLE, null, "lost", "host-1", null,
                    "compute messages the view never shows", 1.0), 2, null);
            RunStore.StartedAttempt second = runs.startAttempt(id, plan, "w2", "host-2");
            runs.endAttempt(second.id(), ended("SUCCEEDED", RunStore.End.SUCCEEDED), 2, null);
        }
        return id;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readingARunForTheApiTakesTheSameStatementsForFortyPlansAsForTwoAndLoadsNoAttemptEntity(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long small = runWithTwoAttemptsEach(runs, 2);
            long large = runWithTwoAttemptsEach(runs, 40);
            long[] smallCost = viewCost(db, runs, small, 2);
            long[] largeCost = viewCost(db, runs, large, 40);
            assertEquals(smallCost[0], largeCost[0], "statements for 2 plans vs 40 plans");
            assertTrue(largeCost[0] <= 2, "statements for one read: " + largeCost[0]);
            assertEquals(0, largeCost[1], "attempt entities (with their messages) loaded by the read");
        }
    }
}
