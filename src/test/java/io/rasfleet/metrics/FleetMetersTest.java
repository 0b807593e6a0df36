package io.rasfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.testing.WorkerSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FleetMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FleetMeters meters = new FleetMeters(registry);

    @Test
    void slotGaugesFollowThePoolAndCountWhoWaitsForASlot() throws Exception {
        SlotPool pool = new SlotPool(List.of(WorkerSpecs.local("w1", "/ras").folder("/w").cores(4, 2).build()));
        meters.watch(pool);
        String worker = "w1";
        int total = 2;
        assertEquals(total, registry.get("rasfleet.slots.capacity").tag("worker", worker).gauge().value());
        for (int i = 0; i < total; i++) {
            pool.acquire(Set.of(), Duration.ZERO).orElseThrow();
        }
        assertEquals(total, registry.get("rasfleet.slots.busy").tag("worker", worker).gauge().value());
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<SlotPool.Slot>> waiting = waiter.submit(() -> pool.acquire(Set.of(), Duration.ofSeconds(30)));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (registry.get("rasfleet.plans.waiting").gauge().value() < 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(1.0, registry.get("rasfleet.plans.waiting").gauge().value());
            pool.release(new SlotPool.Slot(worker, 0));
            assertEquals(worker, waiting.get().orElseThrow().worker());
            assertEquals(0.0, registry.get("rasfleet.plans.waiting").gauge().value());
        } finally {
            waiter.shutdownNow();
        }
    }

    @Test
    void aRunningGaugeCountsAttemptsOnTheirWorkerUntilTheyLeave() {
        meters.attemptStarted("w1");
        meters.attemptStarted("w1");
        meters.attemptStarted("w2");
        meters.attemptLeft("w1");
        assertEquals(1.0, registry.get("rasfleet.plans").tags("state", "RUNNING", "worker", "w1").gauge().value());
        assertEquals(1.0, registry.get("rasfleet.plans").tags("state", "RUNNING", "worker", "w2").gauge().value());
    }

    @Test
    void attemptsAreCountedByOutcomeAndTimed() {
        meters.attemptEnded("w1", "MODEL_FAILED", Duration.ofSeconds(3), "PENDING");
        meters.attemptEnded("w1", "SUCCEEDED", Duration.ofSeconds(5), "SUCCEEDED");
        assertEquals(1.0, registry.get("rasfleet.attempts").tags("outcome", "MODEL_FAILED", "worker", "w1").counter().count());
        assertEquals(8.0, registry.find("rasfleet.attempt.duration").tag("worker", "w1").timers().stream()
                .mapToDouble(t -> t.totalTime(java.util.concurrent.TimeUnit.SECONDS)).sum());
        assertEquals(1.0, registry.get("rasfleet.plans.ended").tags("state", "SUCCEEDED", "worker", "w1").counter().count());
        assertEquals(0, registry.find("rasfleet.plans.ended").tag("state", "PENDING").counters().size());
        meters.staged("w1", 1000);
        meters.staged("w1", 24);
        assertEquals(1024.0, registry.get("rasfleet.staged.bytes").tag("worker", "w1").counter().count());
    }
}
