package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.PlanLeasedException;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunStore;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's life in one execution of its run: wait for a slot, run a {@link PlanAttempt}, and go
 * again while the store says the plan is PENDING (a machine-side failure with attempts left), on
 * another worker, or on the same one when the failure asked for that ({@link RetriesHere}: a
 * cluster's node failed, and the next attempt avoids it). The store's count of attempts is the only
 * count: {@code maxAttempts} holds across restarts, and an attempt a stop ended is not counted. A
 * stop reaches a plan waiting for a slot at once: it takes no slot, counts no attempt and launches
 * nothing. A plan another live server runs is left to it, and the plan's note says so. A plan whose
 * attempt this server's previous life left computing adopts it first ({@link HeldAttempts}).
 */
final class PlanRunner {

    private final RunStore runs;
    private final AttemptStore attempts;
    private final WorkerHealth health;
    private final LiveAttempts live;

    PlanRunner(RunStore runs, AttemptStore attempts, WorkerHealth health, LiveAttempts live) {
        this.runs = runs;
        this.attempts = attempts;
        this.health = health;
        this.live = live;
    }

    /** Returns the partition's exit status: the plan's state when this server is done with it. */
    String run(RunContext context, String planDigits) throws InterruptedException {
        long runId = context.runId;
        Plan plan = context.project.plan(PlanId.parse(planDigits));
        Set<String> failedHere = new HashSet<>();
        RetriesHere retriesHere = new RetriesHere();
        Optional<HeldAttempts.Held> held = context.heldAttempt(planDigits);
        if (held.isPresent()) {
            // before the stop and the count: the attempt exists already, and a stop must reach its work
            PlanRunEntity.State state = adopt(context, plan, held.get(), retriesHere);
            if (state != PlanRunEntity.State.PENDING) {
                return state.name();
            }
        }
        while (true) {
            if (context.stopReason() != null) {
                runs.markPlan(runId, planDigits, PlanRunEntity.State.STOPPED, context.stopReason());
                return PlanRunEntity.State.STOPPED.name();
            }
            if (!attempts.attemptsLeft(runId, planDigits, context.settings.maxAttempts())) {
                return PlanRunEntity.State.FAILED.name();
            }
            Set<String> skip = new HashSet<>(failedHere);
            skip.addAll(context.notForThisRun());
            Optional<SlotPool.Slot> slot = context.pool.acquire(skip, context.settings.priority(),
                    context.settings.numCores() == null ? 0 : context.settings.numCores(), SlotPool.SLOT_WAIT,
                    () -> context.stopReason() != null);
            if (slot.isEmpty()) {
                if (context.stopReason() != null) {
                    continue;
                }
                String why = failedHere.isEmpty() ? "no worker slot became free"
                        : "no other worker to try after " + String.join(", ", failedHere);
                runs.markPlan(runId, planDigits, PlanRunEntity.State.FAILED, why);
                return PlanRunEntity.State.FAILED.name();
            }
            String worker = slot.get().worker();
            PlanRunEntity.State state;
            try {
                if (context.stopReason() != null) {
                    // stopped while the slot was handed over: nothing starts
                    continue;
                }
                state = new PlanAttempt(attempts, context, health, live).run(plan, context.workers.get(worker), retriesHere);
            } catch (PlanLeasedException e) {
                String note = "server " + runs.node() + " left this plan alone: " + e.getMessage();
                try {
                    runs.notePlan(runId, planDigits, note);
                } catch (RuntimeException unrecorded) {
                    LOG.progressNotRecorded(runId, planDigits, unrecorded);
                }
                LOG.planLeftToPeer(runId, planDigits, note);
                return PlanRunEntity.State.RUNNING.name();
            } finally {
                context.pool.release(slot.get());
            }
            if (state != PlanRunEntity.State.PENDING) {
                return state.name();
            }
            if (!retriesHere.tryAgainOn(worker)) {
                failedHere.add(worker);
            }
        }
    }

    /**
     * Follows the attempt this server's previous life left computing, on the slot its run reserved
     * for it; the plan's state after it (PENDING when its work was gone: the plan goes on as usual).
     */
    private PlanRunEntity.State adopt(RunContext context, Plan plan, HeldAttempts.Held held, RetriesHere retriesHere)
            throws InterruptedException {
        try {
            return new PlanAttempt(attempts, context, health, live).adopt(plan, held, retriesHere);
        } catch (PlanLeasedException e) {
            LOG.planLeftToPeer(context.runId, held.token().plan(), e.getMessage());
            return PlanRunEntity.State.RUNNING;
        } finally {
            if (held.slot() != null) {
                context.pool.release(held.slot());
            }
        }
    }
}
