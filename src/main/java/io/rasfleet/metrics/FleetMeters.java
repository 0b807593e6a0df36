package io.rasfleet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.rasfleet.schedule.SlotPool;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's meters: plans computing per worker and plans ended by state and worker, attempts by
 * outcome and worker with their durations (count, sum, max), slots busy and total per worker, plans
 * waiting for a slot, bytes staged per worker.
 */
public class FleetMeters {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> computing = new ConcurrentHashMap<>();
    private final Set<String> watchedWorkers = ConcurrentHashMap.newKeySet();

    public FleetMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes the pool's slots per worker and its waiting plans; call again when workers may have joined. */
    public void watch(SlotPool pool) {
        registry.gauge("rasfleet.plans.waiting", io.micrometer.core.instrument.Tags.empty(), pool, SlotPool::waiting);
        for (String worker : pool.workerNames()) {
            if (watchedWorkers.add(worker)) {
                registry.gauge("rasfleet.slots.busy", io.micrometer.core.instrument.Tags.of("worker", worker), pool, p -> p.busy(worker));
                registry.gauge("rasfleet.slots.capacity", io.micrometer.core.instrument.Tags.of("worker", worker), pool, p -> p.capacity(worker));
            }
        }
    }

    /** A plan began an attempt on the worker; pair with {@link #attemptLeft}. */
    public void attemptStarted(String worker) {
        computing.computeIfAbsent(worker, w -> registry.gauge("rasfleet.plans",
                io.micrometer.core.instrument.Tags.of("state", "RUNNING", "worker", w), new AtomicInteger()))
                .incrementAndGet();
    }

    /** The attempt left the worker, however it ended (also when it was interrupted). */
    public void attemptLeft(String worker) {
        AtomicInteger count = computing.get(worker);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /**
     * An attempt ended with {@code outcome} after {@code duration}; {@code planState} is where the plan
     * stands after it, counted as ended unless it is to be tried again (PENDING).
     */
    public void attemptEnded(String worker, String outcome, Duration duration, String planState) {
        registry.counter("rasfleet.attempts", "outcome", outcome, "worker", worker).increment();
        // WildFly's managed registry refuses MeterRegistry.Config, which a percentile histogram needs:
        // count, sum and max per outcome and worker
        registry.timer("rasfleet.attempt.duration", "outcome", outcome, "worker", worker).record(duration);
        if (!"PENDING".equals(planState)) {
            registry.counter("rasfleet.plans.ended", "state", planState, "worker", worker).increment();
        }
    }

    /** A run's snapshot of {@code bytes} was staged on the worker (proven there by size and SHA-256). */
    public void staged(String worker, long bytes) {
        registry.counter("rasfleet.staged.bytes", "worker", worker).increment(bytes);
    }
}
