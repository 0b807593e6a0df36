package io.rasfleet.batch;

import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunStore;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerUnreachableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one plan of a run to its end: takes a slot, runs an attempt, records it, and tries another
 * worker after a machine-side failure, up to the run's {@code maxAttempts}. A model failure is
 * HEC-RAS's answer and is not retried.
 */
@ApplicationScoped
public class PlanRunner {

    private static final System.Logger LOG = System.getLogger(PlanRunner.class.getName());
    private static final Duration SLOT_WAIT = Duration.ofDays(7);

    @Inject
    RunStore runs;

    @Inject
    RunCoordinator coordinator;

    /** Returns the partition's exit status: the plan's final state. */
    public String run(long runId, String planDigits) throws InterruptedException {
        RunContext context = coordinator.context(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged in this server"));
        PlanId id = PlanId.parse(planDigits);
        Plan plan = context.project.plan(id);
        Set<String> excluded = new HashSet<>();
        for (int attempt = 1; attempt <= context.settings.maxAttempts(); attempt++) {
            if (context.stopReason() != null) {
                runs.markPlan(runId, planDigits, PlanRunEntity.State.STOPPED, context.stopReason());
                return PlanRunEntity.State.STOPPED.name();
            }
            Set<String> skip = new HashSet<>(excluded);
            skip.addAll(context.notForThisRun());
            Optional<SlotPool.Slot> slot = context.pool.acquire(skip, SLOT_WAIT);
            if (slot.isEmpty()) {
                String why = excluded.isEmpty() ? "no worker slot became free"
                        : "no other worker to try after " + String.join(", ", excluded);
                runs.markPlan(runId, planDigits, PlanRunEntity.State.FAILED, why);
                return PlanRunEntity.State.FAILED.name();
            }
            String worker = slot.get().worker();
            try {
                AttemptOutcome outcome;
                try {
                    outcome = attempt(context, plan, worker, slot.get());
                } catch (io.rasfleet.store.PlanLeasedException e) {
                    // another live server runs this plan: leave it to that server, record nothing
                    LOG.log(Level.WARNING, e.getMessage());
                    return PlanRunEntity.State.RUNNING.name();
                }
                if (outcome.succeeded()) {
                    return PlanRunEntity.State.SUCCEEDED.name();
                }
                if (!outcome.retryable()) {
                    return outcome.kind() == AttemptOutcome.Kind.STOPPED ? PlanRunEntity.State.STOPPED.name()
                            : PlanRunEntity.State.FAILED.name();
                }
                excluded.add(worker);
            } finally {
                context.pool.release(slot.get());
            }
        }
        return PlanRunEntity.State.FAILED.name();
    }

    private AttemptOutcome attempt(RunContext context, Plan plan, String worker, SlotPool.Slot slot)
            throws InterruptedException {
        long runId = context.runId;
        String digits = plan.id().digits();
        RunStore.StartedAttempt started = runs.startAttempt(runId, digits, worker, "localhost");
        long attemptId = started.id();
        for (RunStore.RunningAttempt dead : started.takenOver()) {
            endDeadAttempt(context, dead);
        }
        int number = runs.plan(runId, digits).getAttempts();
        int cores = context.settings.numCores() != null ? context.settings.numCores()
                : context.workers.get(worker).spec().coresPerPlan();
        ProgressWriter progress = new ProgressWriter(runs, runId, digits);
        PlanTask task = new PlanTask(runId, plan, context.project.name(), context.project.filesFor(plan.id()).files(),
                number, cores, context.settings.timeLimit(), context.settings.clearGeompre(), progress::accept);
        Instant began = Instant.now();
        AttemptOutcome outcome;
        try {
            WorkerSession session = context.session(worker);
            try (PlanExecution execution = session.start(context.forWorker(worker, task))) {
                context.running(digits, execution);
                if (execution.process() != null) {
                    runs.attemptProcess(attemptId, execution.process().pid(), execution.process().started());
                }
                outcome = execution.await();
            } finally {
                context.done(digits);
            }
        } catch (WorkerException e) {
            AttemptOutcome.Kind kind = WorkerUnreachableException.in(e) ? AttemptOutcome.Kind.WORKER_LOST
                    : AttemptOutcome.Kind.MACHINE_FAILED;
            outcome = new AttemptOutcome(kind, null, e.getMessage(), null, null, Duration.between(began, Instant.now()), false,
                    null);
        }
        if (outcome.kind() == AttemptOutcome.Kind.WORKER_LOST) {
            coordinator.lost(worker, outcome.reason());
        }
        LOG.log(Level.INFO, "run {0} plan {1} attempt {2} on {3}: {4} ({5})", runId, digits, number, worker,
                outcome.kind(), outcome.reason());
        PlanRunEntity.State state = switch (outcome.kind()) {
            case SUCCEEDED -> PlanRunEntity.State.SUCCEEDED;
            case STOPPED -> PlanRunEntity.State.STOPPED;
            case MACHINE_FAILED, WORKER_LOST -> number < context.settings.maxAttempts() ? PlanRunEntity.State.PENDING
                    : PlanRunEntity.State.FAILED;
            default -> PlanRunEntity.State.FAILED;
        };
        String hdf = outcome.resultDelivered() ? context.project.file(plan.id().extension() + ".hdf").toString() : null;
        runs.endAttempt(attemptId, new RunStore.AttemptRecord(outcome.kind().name(), outcome.verdict(), outcome.reason(),
                outcome.host(), outcome.exitCode(), outcome.messages(), outcome.duration().toMillis() / 1000.0), state, hdf);
        return outcome;
    }

    /**
     * A dead server's attempt may still compute on its worker: it is ended there (its recorded
     * process, and whatever runs in its attempt folder) before the plan starts again.
     */
    private static void endDeadAttempt(RunContext context, RunStore.RunningAttempt dead) {
        boolean ended = dead.pid() != null && io.rasfleet.worker.local.LocalWorker.endOrphan(dead.pid(), dead.processStart());
        int more = 0;
        io.rasfleet.worker.Worker worker = context.workers.get(dead.worker());
        if (worker != null) {
            try {
                more = worker.endAttempt(dead.runId(), PlanId.parse(dead.plan()).extension() + "-a" + dead.number());
            } catch (io.rasfleet.worker.WorkerException | RuntimeException e) {
                LOG.log(Level.WARNING, "ending attempt " + dead.number() + " of plan " + dead.plan() + " on " + dead.worker()
                        + " failed: " + e.getMessage());
            }
        }
        LOG.log(Level.WARNING, "run {0} plan {1}: attempt {2} of a server that stopped renewing its lease was taken over;"
                + " {3} of its processes ended", dead.runId(), dead.plan(), dead.number(), (ended ? 1 : 0) + more);
    }

    /** Writes progress to the store at most every few seconds: a plan reports it often. */
    static final class ProgressWriter {
        private final RunStore runs;
        private final long runId;
        private final String plan;
        private Instant last = Instant.EPOCH;

        ProgressWriter(RunStore runs, long runId, String plan) {
            this.runs = runs;
            this.runId = runId;
            this.plan = plan;
        }

        synchronized void accept(double fraction) {
            Instant now = Instant.now();
            if (fraction >= 1.0 || Duration.between(last, now).toMillis() >= 2000) {
                last = now;
                try {
                    runs.progress(runId, plan, fraction);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "progress of run " + runId + " plan " + plan + " not recorded: " + e.getMessage());
                }
            }
        }
    }
}
