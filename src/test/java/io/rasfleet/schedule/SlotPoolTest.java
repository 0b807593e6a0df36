package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.testing.WorkerSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

    private static WorkerSpec worker(String name, int cores, int perPlan, int priority, boolean enabled) {
        return WorkerSpecs.local(name, "/ras").folder("/w").cores(cores, perPlan).queuePriority(priority).enabled(enabled).build();
    }

    private static String take(SlotPool pool) throws InterruptedException {
        return pool.acquire(Set.of(), Duration.ofMillis(10)).map(SlotPool.Slot::worker).orElse("none");
    }

    @Test
    void aWorkerThatOnlyPreprocessesIsNeverHandedAPlanButItsSlotsServePreprocessing() throws Exception {
        WorkerSpec preprocessor = WorkerSpecs.of("pre", new io.rasfleet.worker.local.LocalSettings("/ras", null, null, true)).folder("/w")
                .cores(2, 1).queuePriority(0).build();
        SlotPool pool = new SlotPool(List.of(preprocessor, worker("linux", 1, 1, 9, true)));
        assertEquals(1, pool.slots(List.of("pre", "linux")), "only the computing worker's slots count for plans");
        assertEquals("linux", take(pool), "the queue_priority 0 preprocessor is passed over");
        assertEquals("none", take(pool));
        Optional<SlotPool.Slot> first = pool.acquireOn("pre", Duration.ofMillis(10));
        Optional<SlotPool.Slot> second = pool.acquireOn("pre", Duration.ofMillis(10));
        assertTrue(first.isPresent() && second.isPresent(), "two preprocessings at once in its two slots");
        assertTrue(pool.acquireOn("pre", Duration.ofMillis(10)).isEmpty(), "a third waits for a slot");
        pool.release(first.get());
        assertTrue(pool.acquireOn("pre", Duration.ofMillis(10)).isPresent());
    }

    /** ras-commander's rule: a run of numCores 4 on 4 cores of cores_per_plan 1 gets min(4 // 1, 4 // 4) = 1 slot, not 4. */
    @Test
    void aRunsNumCoresLimitsTheSlotsItTakesToTheCoresTheWorkerHas() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("w", 4, 1, 0, true)));
        Optional<SlotPool.Slot> first = pool.acquire(Set.of(), 0, 4, Duration.ofMillis(10), () -> false);
        assertTrue(first.isPresent());
        assertTrue(pool.acquire(Set.of(), 0, 4, Duration.ofMillis(10), () -> false).isEmpty(), "a second plan of 4 cores would make 8 on 4");
        assertEquals("none", take(pool), "a plan of the worker's own 1 core waits too: the 4 cores are taken");
        pool.release(first.get());
        List<SlotPool.Slot> twos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pool.acquire(Set.of(), 0, 2, Duration.ofMillis(10), () -> false).ifPresent(twos::add);
        }
        assertEquals(2, twos.size(), "numCores 2: min(4 // 1, 4 // 2) = 2 slots");
        assertEquals(4, pool.slots(List.of("w")), "the worker's own slots are unchanged");
    }

    @Test
    void aPlanNoWorkerCanHoldIsAnsweredAtOnceNotAfterWaiting() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("w", 4, 1, 0, true)));
        Optional<SlotPool.Slot> none = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> pool.acquire(Set.of(), 0, 8, Duration.ofHours(1), () -> false));
        assertTrue(none.isEmpty(), "8 cores fit no worker of 4");
    }

    @Test
    void lowestQueuePriorityFillsFirstThenTheNext() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("far", 8, 2, 5, true), worker("near", 4, 2, 0, true)));
        assertEquals(6, pool.totalSlots());
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            order.add(take(pool));
        }
        assertEquals(List.of("near", "near", "far", "far", "far", "far", "none"), order);
    }

    @Test
    void equalPrioritiesTakeTurns() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("a", 4, 1, 1, true), worker("b", 4, 1, 1, true), worker("c", 4, 1, 1, true)));
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(take(pool));
        }
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), order);
    }

    @Test
    void disabledWorkersHaveNoSlotsAndExcludedOrUnhealthyOnesAreSkipped() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("off", 4, 1, 0, false), worker("x", 2, 1, 0, true), worker("y", 2, 1, 5, true)));
        assertEquals(4, pool.totalSlots());
        assertEquals("y", pool.acquire(Set.of("x"), Duration.ofMillis(10)).orElseThrow().worker());
        pool.markUnhealthy("x");
        assertEquals("y", take(pool));
        assertEquals(Set.of("x"), pool.unhealthy());
        assertEquals(Optional.empty(), pool.acquire(Set.of("x", "y"), Duration.ofMinutes(1)),
                "no eligible worker at all: no waiting");
    }

    @Test
    void updatedWorkersChangeSizeAndDisabledOnesTakeNoNewPlans() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("a", 2, 1, 0, true), worker("b", 2, 1, 1, true)));
        SlotPool.Slot a0 = pool.acquire(Set.of(), Duration.ofMillis(10)).orElseThrow();
        SlotPool.Slot a1 = pool.acquire(Set.of(), Duration.ofMillis(10)).orElseThrow();
        pool.update(List.of(worker("a", 1, 1, 0, true), worker("b", 2, 1, 1, false), worker("c", 3, 1, 2, true)));
        assertEquals(4, pool.totalSlots(), "a shrank to 1, b is disabled, c joined with 3");
        assertEquals("c", take(pool), "a is still over its new size while both plans run");
        pool.release(a1);
        assertEquals("c", take(pool), "the released slot 1 is past a's new size");
        pool.release(a0);
        assertEquals("a", take(pool));
        assertEquals(Optional.empty(), pool.acquire(Set.of("a", "c"), Duration.ofMinutes(1)), "b is disabled: nothing to wait for");
        assertEquals(0, pool.slots(List.of("b")));
    }

    @Test
    void aReleasedSlotWakesAWaitingPlan() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("one", 1, 1, 0, true)));
        SlotPool.Slot first = pool.acquire(Set.of(), Duration.ofSeconds(1)).orElseThrow();
        CompletableFuture<Optional<SlotPool.Slot>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire(Set.of(), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertTrue(!waiting.isDone(), "the only slot is busy");
        pool.release(first);
        assertEquals(first, waiting.get(10, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void withinATierTheFastestWorkerIsServedFirstButALowerTierStillFillsFirst() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("slow", 1, 1, 0, true), worker("fast", 1, 1, 0, true),
                worker("fastest-but-tier-1", 1, 1, 1, true)));
        pool.speeds(java.util.Map.of("slow", 2.0, "fast", 0.8, "fastest-but-tier-1", 0.5));
        assertEquals("fast", take(pool), "the first (longest) plan gets the fast slot of tier 0");
        assertEquals("slow", take(pool));
        assertEquals("fastest-but-tier-1", take(pool), "tier 1 only once tier 0 is full");
    }

    @Test
    void aPlanOfAHigherPriorityRunTakesTheNextFreeSlotBeforeOneThatWaitedLonger() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("only", 1, 1, 0, true)));
        SlotPool.Slot busy = pool.acquire(Set.of(), Duration.ofMillis(10)).orElseThrow();
        CompletableFuture<SlotPool.Slot> normal = CompletableFuture.supplyAsync(() -> acquire(pool, 0));
        waitForWaiters(pool, normal);
        CompletableFuture<SlotPool.Slot> urgent = CompletableFuture.supplyAsync(() -> acquire(pool, 5));
        Thread.sleep(200);
        pool.release(busy);
        SlotPool.Slot first = urgent.get(10, TimeUnit.SECONDS);
        assertTrue(!normal.isDone(), "the normal run's plan still waits while the urgent one holds the slot");
        pool.release(first);
        assertEquals("only", normal.get(10, TimeUnit.SECONDS).worker());
    }

    private static void waitForWaiters(SlotPool pool, CompletableFuture<?> waiter) throws InterruptedException {
        Thread.sleep(200);
        assertTrue(!waiter.isDone(), "the slot is busy: the plan waits");
    }

    private static SlotPool.Slot acquire(SlotPool pool, int priority) {
        try {
            return pool.acquire(Set.of(), priority, Duration.ofSeconds(30)).orElseThrow();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
    @Test
    void aStopWakesEveryPlanWaitingForASlotAtOnceAndNoneTakesTheSlotFreedAfterIt() throws Exception {
        SlotPool pool = new SlotPool(List.of(worker("only", 1, 1, 0, true)));
        SlotPool.Slot held = pool.acquire(Set.of(), Duration.ofMillis(10)).orElseThrow();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        List<CompletableFuture<Optional<SlotPool.Slot>>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.acquire(Set.of(), 0, 0, SlotPool.SLOT_WAIT, stopped::get);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        while (pool.waiting() < 3) {
            TimeUnit.MILLISECONDS.sleep(10);
        }

        stopped.set(true);
        pool.wakeWaiting();

        for (CompletableFuture<Optional<SlotPool.Slot>> plan : waiting) {
            // well under the pool's own 5 s re-check: the wake-up, not the timer, ended the wait
            assertTrue(plan.get(2, TimeUnit.SECONDS).isEmpty(), "a stopped plan takes no slot");
        }
        assertEquals(0, pool.waiting());
        pool.release(held);
        assertEquals(0, pool.busy("only"), "the freed slot went to nobody of the stopped run");
        assertEquals("only", take(pool), "a plan of another run takes it");
    }
}
