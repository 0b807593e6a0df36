package io.rasfleet.batch;

import io.rasfleet.schedule.SlotPool;
import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.OwnerToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts this server's previous life left computing, taken back under a new epoch at start-up
 * and held until their run, restarted, adopts them ({@link PlanAttempt#adopt}): while held they
 * are live (their leases renewed, their work on the workers spared by the start-up clean-up), so
 * that neither a peer nor the clean-up ends work this server is about to follow. One whose lease
 * cannot be kept (fenced) is dropped: the plan then starts anew and takes the attempt over.
 */
final class HeldAttempts {

    /**
     * An attempt taken back: its new token, its number (its folder on the worker), where it computes,
     * and the slot its run reserved for it there when it was staged (null before, or when the
     * worker had none free: its work computes whatever our count says).
     */
    record Held(OwnerToken token, int number, String worker, String host, SlotPool.Slot slot) {
    }

    /** A run's plan: what a partition asks for, one held attempt at most each. */
    private record RunPlan(long runId, String plan) {
        static RunPlan of(OwnerToken token) {
            return new RunPlan(token.runId(), token.plan());
        }
    }

    private final Map<RunPlan, Held> held = new ConcurrentHashMap<>();
    private final LiveAttempts live;
    private final SlotPool pool;

    HeldAttempts(LiveAttempts live, SlotPool pool) {
        this.live = live;
        this.pool = pool;
    }

    void hold(AttemptStore.StartedAttempt taken, String worker, String host) {
        RunPlan key = RunPlan.of(taken.token());
        held.put(key, new Held(taken.token(), taken.number(), worker, host, null));
        live.add(taken.token(), taken.number(), reason -> drop(key));
    }

    /**
     * Takes a slot on its worker for each of the run's held attempts, before the run's partitions
     * ask for slots: the work computes already, and a new plan must not take its place.
     */
    void reserveSlots(long runId) {
        for (Held attempt : List.copyOf(held.values())) {
            if (attempt.token().runId() != runId || attempt.slot() != null) {
                continue;
            }
            Optional<SlotPool.Slot> slot;
            try {
                slot = pool.acquireOn(attempt.worker(), Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            slot.ifPresent(s -> {
                Held reserved = new Held(attempt.token(), attempt.number(), attempt.worker(), attempt.host(), s);
                if (!held.replace(RunPlan.of(attempt.token()), attempt, reserved)) {
                    pool.release(s);
                }
            });
        }
    }

    /** The run's held attempt on {@code plan}, now the caller's to adopt, with its slot (the caller releases it). */
    Optional<Held> take(long runId, String plan) {
        return Optional.ofNullable(held.remove(new RunPlan(runId, plan)));
    }

    /** The runs with held attempts, in id order. */
    Set<Long> runs() {
        Set<Long> runs = new TreeSet<>();
        held.values().forEach(h -> runs.add(h.token().runId()));
        return runs;
    }

    /**
     * Lets go of the run's held attempts that no plan took (its restart failed, or its execution
     * ended first): no longer live, so their leases run out and the next start of the plan takes
     * them over, ending their work.
     */
    List<Held> release(long runId) {
        List<Held> released = new ArrayList<>();
        for (Held attempt : List.copyOf(held.values())) {
            if (attempt.token().runId() == runId && drop(RunPlan.of(attempt.token()))) {
                released.add(attempt);
            }
        }
        return released;
    }

    private boolean drop(RunPlan key) {
        Held attempt = held.remove(key);
        if (attempt == null) {
            return false;
        }
        live.remove(attempt.token());
        if (attempt.slot() != null) {
            pool.release(attempt.slot());
        }
        return true;
    }
}
