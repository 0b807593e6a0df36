package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static AttemptStore.AttemptRecord ended(String outcome, AttemptStore.End end) {
        return new AttemptStore.AttemptRecord(outcome, end, null, "why: " + outcome, "host-1", 0, null, 1.0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theStoresCountDecidesWhetherAMachineFailureLeavesThePlanPendingOrFailed(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long id = run(runs, "01");
            AttemptStore.StartedAttempt first = runs.attempts().startAttempt(id, "01", "w1", "host-1");
            assertEquals(1, first.number());
            assertEquals(PlanRunEntity.State.PENDING, runs.attempts().endAttempt(first.token(), ended("WORKER_LOST", AttemptStore.End.RETRYABLE), 2, null));
            assertTrue(runs.attempts().attemptsLeft(id, "01", 2));
            AttemptStore.StartedAttempt second = runs.attempts().startAttempt(id, "01", "w2", "host-2");
            assertEquals(2, second.number());
            assertEquals(PlanRunEntity.State.FAILED, runs.attempts().endAttempt(second.token(), ended("MACHINE_FAILED", AttemptStore.End.RETRYABLE), 2,
                    null));
            assertFalse(runs.attempts().attemptsLeft(id, "01", 2));
            PlanRunEntity plan = runs.plan(id, "01");
            assertTrue(plan.getError().startsWith("all 2 attempts of this plan were used"), plan.getError());
            assertTrue(plan.getError().endsWith("why: MACHINE_FAILED"), plan.getError());
            assertEquals("host-1", runs.findWithAttempts(id).orElseThrow().getPlans().get(0).getAttemptRecords().get(0).getHost());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneRenewalRenewsEveryHeldAttemptOfManyEpochsAndNamesOnlyThoseNoLongerHeld(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore a = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            TransactionalRunStore b = new TransactionalRunStore(db.factory(), "server-b", Duration.ofSeconds(60));
            long id = run(a, "01", "02", "03");
            AttemptStore.StartedAttempt failed = a.attempts().startAttempt(id, "02", "w1", "host-1");
            a.attempts().endAttempt(failed.token(), ended("MACHINE_FAILED", AttemptStore.End.RETRYABLE), 3, null);
            List<OwnerToken> live = new java.util.ArrayList<>();
            for (String plan : List.of("01", "02", "03")) {
                live.add(a.attempts().startAttempt(id, plan, "w1", "host-1").token());
            }
            assertEquals(java.util.Set.of(1L, 2L), live.stream().map(OwnerToken::epoch).collect(java.util.stream.Collectors.toSet()),
                    "plan 02 is on its second epoch");
            // plan 03's attempt is ended: its token no longer holds
            a.attempts().endAttempt(live.get(2), ended("SUCCEEDED", AttemptStore.End.SUCCEEDED), 3, null);
            java.time.Instant before = java.time.Instant.now();
            assertEquals(java.util.Set.of(live.get(2)), a.attempts().renewLeases(live));
            for (AttemptStore.RunningAttempt running : a.attempts().runningAttempts()) {
                assertTrue(!running.leaseUntil().isBefore(before.plusSeconds(59)), "renewed: " + running);
            }
            assertEquals(java.util.Set.copyOf(live.subList(0, 2)), b.attempts().renewLeases(live.subList(0, 2).stream()
                    .map(t -> new OwnerToken(t.attemptId(), t.runId(), t.plan(), "server-b", t.epoch())).toList()).stream()
                    .map(t -> new OwnerToken(t.attemptId(), t.runId(), t.plan(), "server-a", t.epoch())).collect(java.util.stream.Collectors.toSet()),
                    "another server renews none of them");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLiveLeaseKeepsAPlanWithItsServerAndAnExpiredOneIsTakenOver(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore a = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            TransactionalRunStore b = new TransactionalRunStore(db.factory(), "server-b", Duration.ofSeconds(60));
            long id = run(a, "01");
            AttemptStore.StartedAttempt held = a.attempts().startAttempt(id, "01", "w1", "host-1");
            a.attempts().attemptProcess(held.token(), 4242, java.time.Instant.parse("2026-11-28T04:00:00Z"));

            PlanLeasedException refused = assertThrows(PlanLeasedException.class, () -> b.attempts().startAttempt(id, "01", "w2", "host-2"));
            assertTrue(refused.getMessage().contains("server-a"), refused.getMessage());
            assertTrue(b.runningElsewhere(id).orElseThrow().contains("server-a"));
            assertTrue(a.runningElsewhere(id).isEmpty(), "its own attempts are not elsewhere");
            assertTrue(a.attempts().renewLeases(List.of(held.token())).isEmpty());
            OwnerToken claimedByB = new OwnerToken(held.id(), id, "01", "server-b", held.token().epoch());
            assertEquals(java.util.Set.of(claimedByB), b.attempts().renewLeases(List.of(claimedByB)), "a server renews only its own leases");

            TransactionalRunStore expired = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(-1));
            expired.attempts().renewLeases(List.of(held.token()));
            AttemptStore.StartedAttempt taken = b.attempts().startAttempt(id, "01", "w2", "host-2");
            assertEquals(2, taken.number(), "the count goes on across servers");
            assertEquals(1, taken.takenOver().size());
            AttemptStore.RunningAttempt dead = taken.takenOver().get(0);
            assertEquals(List.of("server-a", 4242L, 1), List.of(dead.node(), dead.pid(), dead.number()),
                    "what the taking server needs to end the dead attempt where it ran");
            AttemptEntity lost = b.findWithAttempts(id).orElseThrow().getPlans().get(0).getAttemptRecords().get(0);
            assertEquals("LOST", lost.getOutcome());
            assertTrue(lost.getReason().contains("taken over by server server-b"), lost.getReason());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyWriteAfterTheStartHoldsOnlyWhileTheOwnerTokenDoesSoATakenOverOwnerChangesNothing(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore a = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(-1));
            TransactionalRunStore b = new TransactionalRunStore(db.factory(), "server-b", Duration.ofSeconds(60));
            long id = run(a, "01");
            OwnerToken old = a.attempts().startAttempt(id, "01", "w1", "host-1").token();
            assertEquals(java.util.Set.of(), a.attempts().progress(java.util.Map.of(old, 0.25)), "the owner writes while its token holds");
            assertTrue(a.attempts().queued(old, "Priority"));
            assertTrue(a.attempts().attemptProcess(old, 4242, java.time.Instant.parse("2026-11-28T04:00:00Z")));

            // a's lease ran out (a lease of -1 s): b takes the plan over, which raises the epoch
            AttemptStore.StartedAttempt taken = b.attempts().startAttempt(id, "01", "w2", "host-2");
            OwnerToken now = taken.token();
            assertEquals(old.epoch() + 1, now.epoch(), "a takeover raises the plan's lease epoch");
            assertEquals("server-b", now.server());

            assertFalse(a.attempts().holds(old));
            assertEquals(java.util.Set.of(old), a.attempts().progress(java.util.Map.of(old, 0.9)), "the old owner's progress touches no row");
            assertFalse(a.attempts().queued(old, "Resources"));
            assertFalse(a.attempts().attemptProcess(old, 4343, java.time.Instant.parse("2026-11-28T05:00:00Z")));
            assertEquals(java.util.Set.of(old), a.attempts().renewLeases(List.of(old)), "its lease is not renewed: the owner must stop");
            PlanLeasedException refused = assertThrows(PlanLeasedException.class,
                    () -> a.attempts().endAttempt(old, ended("SUCCEEDED", AttemptStore.End.SUCCEEDED), 2, "/projects/Muncie/Muncie.p01.hdf"));
            assertTrue(refused.getMessage().contains("no longer owned by server server-a, epoch " + old.epoch()), refused.getMessage());

            PlanRunEntity plan = b.plan(id, "01");
            assertEquals(0.0, plan.getProgress(), "the new owner's start stands");
            assertNull(plan.getQueued());
            assertNull(plan.getHdfPath(), "nothing of the old owner's end was written");
            assertTrue(b.attempts().holds(now));
            assertEquals(java.util.Set.of(), b.attempts().progress(java.util.Map.of(now, 0.5)));
            assertEquals(PlanRunEntity.State.SUCCEEDED, b.attempts().endAttempt(now, ended("SUCCEEDED", AttemptStore.End.SUCCEEDED), 2, null));
            assertFalse(b.attempts().holds(now), "an ended attempt is owned by nobody");
            List<AttemptEntity> attempts = b.findWithAttempts(id).orElseThrow().getPlans().get(0).getAttemptRecords();
            assertEquals(List.of("LOST", "SUCCEEDED"), attempts.stream().map(AttemptEntity::getOutcome).toList(),
                    "the taken-over attempt stays LOST: one success per plan");
            assertEquals(4242L, attempts.get(0).getPid(), "the old owner's late process record was refused");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAttemptAStopEndedUsesUpNoAttempt(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long id = run(runs, "01");
            AttemptStore.StartedAttempt stopped = runs.attempts().startAttempt(id, "01", "w1", "host-1");
            assertEquals(PlanRunEntity.State.STOPPED, runs.attempts().endAttempt(stopped.token(), ended("STOPPED", AttemptStore.End.STOPPED), 1, null));
            assertTrue(runs.attempts().attemptsLeft(id, "01", 1), "a stop is no failure: maxAttempts 1 leaves the plan its attempt");
            AttemptStore.StartedAttempt next = runs.attempts().startAttempt(id, "01", "w1", "host-1");
            assertEquals(2, next.number(), "attempts are numbered on, the stopped one included");
            assertEquals(PlanRunEntity.State.FAILED, runs.attempts().endAttempt(next.token(), ended("MACHINE_FAILED", AttemptStore.End.RETRYABLE), 1,
                    null), "the one counted attempt was used");
        }
    }

    /** The statements and attempt entities one read of a run for the API takes: the same for 2 plans as for 40. */
    private static long[] viewCost(TestDatabase db, TransactionalRunStore runs, long id, int plans) {
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

    private static long runWithTwoAttemptsEach(TransactionalRunStore runs, int plans) {
        String[] ids = new String[plans];
        for (int i = 0; i < plans; i++) {
            ids[i] = String.format("%02d", i + 1);
        }
        long id = run(runs, ids);
        for (String plan : ids) {
            AttemptStore.StartedAttempt first = runs.attempts().startAttempt(id, plan, "w1", "host-1");
            runs.attempts().endAttempt(first.token(), new AttemptStore.AttemptRecord("WORKER_LOST", AttemptStore.End.RETRYABLE, null, "lost", "host-1", null,
                    "compute messages the view never shows", 1.0), 2, null);
            AttemptStore.StartedAttempt second = runs.attempts().startAttempt(id, plan, "w2", "host-2");
            runs.attempts().endAttempt(second.token(), ended("SUCCEEDED", AttemptStore.End.SUCCEEDED), 2, null);
        }
        return id;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void readingARunForTheApiTakesTheSameStatementsForFortyPlansAsForTwoAndLoadsNoAttemptEntity(Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
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
