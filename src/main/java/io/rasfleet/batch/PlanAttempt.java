package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunStore;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.HostPreprocessing;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.PlanVerification;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.local.LocalWorker;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt at one plan on one worker, from its record to its record: the one owner of an
 * attempt. It starts the attempt in the store (which counts it), takes over what a dead server
 * left, has the worker run the plan and fetch what it left, has {@link PlanVerification} judge it
 * and bring it home, and ends the attempt in the store, which decides where the plan stands.
 */
final class PlanAttempt {


    private final RunStore runs;
    private final RunContext context;
    private final WorkerHealth health;

    PlanAttempt(RunStore runs, RunContext context, WorkerHealth health) {
        this.runs = runs;
        this.context = context;
        this.health = health;
    }

    /**
     * Runs one attempt of {@code plan} on {@code worker}, away from the nodes {@code retriesHere} holds
     * for it, and tells {@code retriesHere} how it ended; returns the plan's state after it, as the store decided.
     */
    PlanRunEntity.State run(Plan plan, Worker worker, RetriesHere retriesHere) throws InterruptedException {
        long runId = context.runId;
        String digits = plan.id().digits();
        String name = worker.spec().name();
        RunStore.StartedAttempt started = runs.startAttempt(runId, digits, name, worker.host());
        for (RunStore.RunningAttempt dead : started.takenOver()) {
            endDeadAttempt(dead);
        }
        int cores = context.settings.numCores() != null ? context.settings.numCores() : worker.spec().coresPerPlan();
        ProgressWriter progress = new ProgressWriter(runs, runId, digits);
        PlanTask task = new PlanTask(runId, plan, context.project.name(), context.project.filesFor(plan.id()).files(),
                started.number(), cores, context.settings.timeLimit(), context.settings.clearGeompre(), progress::accept, null,
                new QueueWriter(runs, runId, digits)::accept, retriesHere.nodesToAvoid(name));
        Instant began = Instant.now();
        context.meters.attemptStarted(name);
        try {
            AttemptOutcome outcome;
            try {
                outcome = compute(worker, task, started.id());
            } catch (WorkerException e) {
                outcome = AttemptOutcome.machineFailure(e, worker.host(), Duration.between(began, Instant.now()));
            }
            retriesHere.ended(name, outcome);
            if (outcome.kind() == AttemptOutcome.Kind.WORKER_LOST) {
                health.lost(name, outcome.reason());
            }
            LOG.attemptEnded(runId, digits, started.number(), name, outcome.host(), outcome.kind(), outcome.reason());
            String hdf = outcome.resultDelivered() ? context.project.file(plan.id().extension() + ".hdf").toString() : null;
            PlanRunEntity.State state = runs.endAttempt(started.id(), new RunStore.AttemptRecord(outcome.kind().name(), end(outcome),
                    outcome.verdict(), outcome.reason(), outcome.host(), outcome.exitCode(), outcome.messages(),
                    outcome.duration().toMillis() / 1000.0), context.settings.maxAttempts(), hdf);
            context.meters.attemptEnded(name, outcome.kind().name(), Duration.between(began, Instant.now()), state.name());
            return state;
        } finally {
            context.meters.attemptLeft(name);
        }
    }

    private AttemptOutcome compute(Worker worker, PlanTask task, long attemptId) throws WorkerException, InterruptedException {
        String digits = task.plan().id().digits();
        HostPreprocessing.Prepared prepared = context.preprocessing.prepare(worker, task);
        if (prepared.failure() != null) {
            // HEC-RAS's own answer while preprocessing: the model's failure, not the machine's, and not tried again
            return new AttemptOutcome(AttemptOutcome.Kind.MODEL_FAILED, "FAILED", "HEC-RAS's preprocessing on "
                    + prepared.failure().host() + " wrote no compute inputs for the Linux engine: " + prepared.failure().failure(),
                    prepared.failure().host(), null, Duration.ZERO, false, prepared.failure().messages());
        }
        try (PlanExecution execution = context.session(worker.spec().name()).start(prepared.task())) {
            context.running(digits, execution);
            try {
                if (execution.process() != null) {
                    runs.attemptProcess(attemptId, execution.process().pid(), execution.process().started());
                }
                FetchedAttempt fetched = execution.await();
                return PlanVerification.settle(fetched, context.snapshot);
            } finally {
                context.done(digits);
            }
        }
    }

    private static RunStore.End end(AttemptOutcome outcome) {
        if (outcome.succeeded()) {
            return RunStore.End.SUCCEEDED;
        }
        if (outcome.kind() == AttemptOutcome.Kind.STOPPED) {
            return RunStore.End.STOPPED;
        }
        return outcome.retryable() ? RunStore.End.RETRYABLE : RunStore.End.FINAL;
    }

    /**
     * A dead server's attempt may still compute on its worker: it is ended there (its recorded
     * process, and whatever its server left for that attempt) before the plan starts again.
     */
    private void endDeadAttempt(RunStore.RunningAttempt dead) {
        boolean ended = dead.pid() != null && LocalWorker.endOrphan(dead.pid(), dead.processStart());
        int more = 0;
        Worker worker = context.workers.get(dead.worker());
        if (worker != null) {
            try {
                more = worker.endAttempt(new AttemptRef(dead.node(), dead.runId(), PlanId.parse(dead.plan()).extension() + "-a"
                        + dead.number()));
            } catch (WorkerException | RuntimeException e) {
                LOG.endingTakenOverFailed(dead.runId(), dead.plan(), dead.number(), dead.node(), dead.worker(), e);
            }
        }
        LOG.attemptTakenOver(dead.runId(), dead.plan(), dead.number(), dead.node(), (ended ? 1 : 0) + more);
    }

    /** Writes why the plan waits in its worker's own queue when that changes: a cluster's reason changes seldom. */
    static final class QueueWriter {
        private final RunStore runs;
        private final long runId;
        private final String plan;
        private String last;

        QueueWriter(RunStore runs, long runId, String plan) {
            this.runs = runs;
            this.runId = runId;
            this.plan = plan;
        }

        synchronized void accept(String reason) {
            if (java.util.Objects.equals(reason, last)) {
                return;
            }
            last = reason;
            try {
                runs.queued(runId, plan, reason);
            } catch (RuntimeException e) {
                LOG.progressNotRecorded(runId, plan, e);
            }
        }
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
                    LOG.progressNotRecorded(runId, plan, e);
                }
            }
        }
    }
}
