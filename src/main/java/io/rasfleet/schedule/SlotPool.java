package io.rasfleet.schedule;

import io.rasfleet.worker.WorkerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The slots of a run's workers ({@code cores_total / cores_per_plan} each). A plan takes a free
 * slot of the lowest {@code queue_priority}; among workers of equal priority, the one with the
 * fewest busy slots, then the one served longest ago, so that equals take turns. A slot runs one
 * plan at a time, whichever run it belongs to: the server keeps one pool, and a run excludes the
 * workers it may not use. Unhealthy workers get no new plans until they are marked healthy again.
 * A worker that only preprocesses ({@code preprocess_only}) gets no plans; its slots are taken one
 * at a time by the preprocessing it does for Linux engine workers ({@link #acquireOn}).
 * Within a priority tier the fastest worker (the lowest time factor learned from history,
 * {@link #speeds}) is served first, so that the long plans, which ask first, get the fast slots.
 * A plan of a run with a higher priority takes a free slot before plans of lower runs that wait for it.
 */
public final class SlotPool {

    /**
     * The longest a plan waits for a slot: practically for ever, since a stop of its run wakes it
     * at once ({@link #wakeWaiting}) and a worker that no longer exists ends the wait too.
     */
    public static final Duration SLOT_WAIT = Duration.ofDays(7);

    /** A slot of a worker; {@code index} counts from 0. */
    public record Slot(String worker, int index) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, WorkerState> workers = new LinkedHashMap<>();
    private long served;
    private Map<String, Double> timeFactors = Map.of();
    private final List<Waiter> waiting = new java.util.ArrayList<>();
    /** Callers blocked until a slot frees (the metric of plans waiting for a slot). */
    private int blocked;

    /** A plan waiting for a slot: its run's priority, the workers it may take, its run's numCores (0: each worker's own), and whether its run was stopped. */
    private record Waiter(int priority, java.util.function.Predicate<WorkerState> allowed, int cores, BooleanSupplier stopped) {
    }

    private static final class WorkerState {
        WorkerSpec spec;
        boolean[] busy;
        /** The cores each busy slot's plan takes: a run's numCores may be more than cores_per_plan. */
        int[] held;
        boolean healthy = true;
        long lastServed = -1;

        WorkerState(WorkerSpec spec) {
            this.spec = spec;
            this.busy = new boolean[capacity(spec)];
            this.held = new int[busy.length];
        }

        /** Whether a plan of {@code cores} (0: cores_per_plan) fits beside what runs here: {@link CoreFit}'s rule. */
        boolean fits(int cores) {
            int need = CoreFit.cores(spec, cores);
            return java.util.Arrays.stream(held).sum() + need <= spec.coresTotal();
        }

        static int capacity(WorkerSpec spec) {
            return spec.enabled() ? spec.slots() : 0;
        }

        /** A new spec: slots beyond a smaller size stay busy until released, and are not handed out again. */
        void respec(WorkerSpec newSpec) {
            spec = newSpec;
            if (busy.length < capacity(newSpec)) {
                busy = java.util.Arrays.copyOf(busy, capacity(newSpec));
                held = java.util.Arrays.copyOf(held, busy.length);
            }
        }

        int busyCount() {
            int n = 0;
            for (boolean b : busy) {
                n += b ? 1 : 0;
            }
            return n;
        }

        int freeIndex() {
            for (int i = 0; i < capacity(spec); i++) {
                if (!busy[i]) {
                    return i;
                }
            }
            return -1;
        }
    }

    public SlotPool(Collection<WorkerSpec> specs) {
        update(specs);
    }

    /**
     * Takes the workers as configured now: new ones join, changed ones get their new size and
     * priority, missing or disabled ones get no new plans (their running plans finish).
     */
    public void update(Collection<WorkerSpec> specs) {
        lock.lock();
        try {
            Set<String> named = new HashSet<>();
            for (WorkerSpec spec : specs) {
                named.add(spec.name());
                WorkerState state = workers.get(spec.name());
                if (state == null) {
                    workers.put(spec.name(), new WorkerState(spec));
                } else {
                    state.respec(spec);
                }
            }
            for (WorkerState state : workers.values()) {
                if (!named.contains(state.spec.name()) && state.spec.enabled()) {
                    state.respec(state.spec.withEnabled(false));
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How much longer each worker takes than the average worker for the same plan (1.0 = average,
     * 2.0 = twice as long); a worker left out counts as 1.0.
     */
    public void speeds(Map<String, Double> timeFactors) {
        lock.lock();
        try {
            this.timeFactors = Map.copyOf(timeFactors);
        } finally {
            lock.unlock();
        }
    }

    public int totalSlots() {
        return slots(workers.keySet());
    }

    /** The slots of the named workers that are enabled and compute plans. */
    public int slots(Collection<String> names) {
        lock.lock();
        try {
            return names.stream().map(workers::get).filter(w -> w != null && !w.spec.preprocessOnly())
                    .mapToInt(w -> WorkerState.capacity(w.spec)).sum();
        } finally {
            lock.unlock();
        }
    }

    public List<String> workerNames() {
        lock.lock();
        try {
            return List.copyOf(workers.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a free slot on a healthy worker not in {@code excluded} that computes plans. Empty
     * when no such worker exists at all (waiting would be forever) or when {@code timeout} passes first.
     */
    public Optional<Slot> acquire(Set<String> excluded, Duration timeout) throws InterruptedException {
        return acquire(excluded, 0, timeout);
    }

    /** As {@link #acquire(Set, Duration)}, for a plan of a run of {@code priority} (higher goes first). */
    public Optional<Slot> acquire(Set<String> excluded, int priority, Duration timeout) throws InterruptedException {
        return acquire(excluded, priority, 0, timeout, () -> false);
    }

    /**
     * A plan of {@code cores} cores (a run's numCores; 0: the worker's cores_per_plan) of a run that may be
     * stopped while it waits. A worker takes it only while its plans' cores stay within cores_total, so a run
     * gets {@link CoreFit#slots} of it; a worker it can never fit is passed over. Empty as soon as
     * {@code stopped} says so, checked again whenever {@link #wakeWaiting} is called, so that a stop reaches
     * a plan that waits for a slot at once and it takes none.
     */
    public Optional<Slot> acquire(Set<String> excluded, int priority, int cores, Duration timeout, BooleanSupplier stopped)
            throws InterruptedException {
        return acquire(new Waiter(priority, w -> !excluded.contains(w.spec.name()) && !w.spec.preprocessOnly()
                && CoreFit.slots(w.spec, cores) > 0, cores, stopped), timeout);
    }

    /** Waits for a free slot of the one named worker, whatever it is for (preprocessing takes its slots this way). */
    public Optional<Slot> acquireOn(String worker, Duration timeout) throws InterruptedException {
        return acquire(new Waiter(Integer.MAX_VALUE, w -> w.spec.name().equals(worker), 0, () -> false), timeout);
    }

    private Optional<Slot> acquire(Waiter waiter, Duration timeout) throws InterruptedException {
        java.util.function.Predicate<WorkerState> allowed = waiter.allowed();
        Instant until = Instant.now().plus(timeout);
        lock.lock();
        waiting.add(waiter);
        try {
            while (true) {
                if (waiter.stopped().getAsBoolean()) {
                    return Optional.empty();
                }
                List<WorkerState> eligible = workers.values().stream()
                        .filter(w -> allowed.test(w) && WorkerState.capacity(w.spec) > 0)
                        .toList();
                if (eligible.isEmpty()) {
                    return Optional.empty();
                }
                Optional<WorkerState> best = eligible.stream()
                        .filter(w -> w.healthy && w.freeIndex() >= 0 && w.fits(waiter.cores()) && !wantedByHigher(waiter, w))
                        .min(Comparator.comparingInt((WorkerState w) -> w.spec.queuePriority())
                                .thenComparingDouble(w -> timeFactors.getOrDefault(w.spec.name(), 1.0))
                                .thenComparingInt(WorkerState::busyCount)
                                .thenComparingLong(w -> w.lastServed));
                if (best.isPresent()) {
                    WorkerState w = best.get();
                    int index = w.freeIndex();
                    w.busy[index] = true;
                    w.held[index] = CoreFit.cores(w.spec, waiter.cores());
                    w.lastServed = served++;
                    return Optional.of(new Slot(w.spec.name(), index));
                }
                long left = Duration.between(Instant.now(), until).toNanos();
                if (left <= 0) {
                    return Optional.empty();
                }
                blocked++;
                try {
                    changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(5)));
                } finally {
                    blocked--;
                }
            }
        } finally {
            waiting.remove(waiter);
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Has every waiting plan look again whether its run was stopped (a stop calls this after it is recorded). */
    public void wakeWaiting() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a plan of a run with a higher priority waits for a slot it may take on {@code w}. */
    private boolean wantedByHigher(Waiter waiter, WorkerState w) {
        return waiting.stream().anyMatch(other -> other != waiter && other.priority() > waiter.priority() && other.allowed().test(w));
    }

    /** Callers waiting for a slot now. */
    public int waiting() {
        lock.lock();
        try {
            return blocked;
        } finally {
            lock.unlock();
        }
    }

    /** The worker's slots holding a plan; 0 for a worker the pool does not know. */
    public int busy(String worker) {
        lock.lock();
        try {
            WorkerState w = workers.get(worker);
            return w == null ? 0 : w.busyCount();
        } finally {
            lock.unlock();
        }
    }

    /** The worker's slots, 0 while it is disabled or unknown. */
    public int capacity(String worker) {
        lock.lock();
        try {
            WorkerState w = workers.get(worker);
            return w == null ? 0 : WorkerState.capacity(w.spec);
        } finally {
            lock.unlock();
        }
    }

    public void release(Slot slot) {
        lock.lock();
        try {
            WorkerState w = workers.get(slot.worker());
            if (w != null && slot.index() < w.busy.length) {
                w.busy[slot.index()] = false;
                w.held[slot.index()] = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A worker that failed at the machine level gets no new plans until {@link #markHealthy}. */
    public void markUnhealthy(String worker) {
        setHealth(worker, false);
    }

    public void markHealthy(String worker) {
        setHealth(worker, true);
    }

    public Set<String> unhealthy() {
        lock.lock();
        try {
            Set<String> names = new HashSet<>();
            workers.values().stream().filter(w -> !w.healthy).forEach(w -> names.add(w.spec.name()));
            return names;
        } finally {
            lock.unlock();
        }
    }

    private void setHealth(String worker, boolean healthy) {
        lock.lock();
        try {
            WorkerState w = workers.get(worker);
            if (w != null) {
                w.healthy = healthy;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
