package io.rasfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rasfleet.schedule.SlotPool;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet's meters: plans computing per worker and plans ended by state and worker, attempts by
 * outcome and worker with their durations (a histogram), slots busy and total per worker, plans
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
        Gauge.builder("rasfleet.plans.waiting", pool, SlotPool::waiting)
                .description("plans waiting for a free worker slot").register(registry);
        for (String worker : pool.workerNames()) {
            if (watchedWorkers.add(worker)) {
                Gauge.builder("rasfleet.slots.busy", pool, p -> p.busy(worker)).tag("worker", worker)
                        .description("slots of the worker holding a plan").register(registry);
                Gauge.builder("rasfleet.slots.total", pool, p -> p.capacity(worker)).tag("worker", worker)
                        .description("slots of the worker, 0 while it is disabled").register(registry);
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
        Counter.builder("rasfleet.attempts").tag("outcome", outcome).tag("worker", worker)
                .description("attempts ended, by outcome").register(registry).increment();
        Timer.builder("rasfleet.attempt.duration").tag("outcome", outcome).tag("worker", worker)
                .description("how long attempts took").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(2))
                .register(registry).record(duration);
        if (!"PENDING".equals(planState)) {
            Counter.builder("rasfleet.plans.ended").tag("state", planState).tag("worker", worker)
                    .description("plans whose last attempt ran on the worker, by the state they ended in")
                    .register(registry).increment();
        }
    }

    /** A run's snapshot of {@code bytes} was staged on the worker (proven there by size and SHA-256). */
    public void staged(String worker, long bytes) {
        Counter.builder("rasfleet.staged.bytes").baseUnit("bytes").tag("worker", worker)
                .description("project bytes staged on the worker").register(registry).increment(bytes);
    }
}
