package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.store.OwnerToken;
import io.rasfleet.store.PlanLeasedException;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.AttemptStore;
import io.rasfleet.transfer.HomeDelivery;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.HostPreprocessing;
import io.rasfleet.worker.LocalHost;
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
 * attempt. Its life, top down in {@link #run}: <b>started</b> (the store counts it and hands out
 * its {@link OwnerToken}; a dead server's attempt on the plan is taken over and ended),
 * <b>staged</b> and <b>computing</b> on the worker, <b>judged</b> by {@link PlanVerification},
 * <b>delivered</b> into the project (the rename only while the token holds), <b>ended</b> in the
 * store, which decides from its count whether the plan is PENDING (tried again by
 * {@link PlanRunner}), SUCCEEDED, FAILED or STOPPED. Every write after the start is conditional on
 * the token; a write that finds it gone fences the attempt: it stops, delivers nothing and records
 * nothing more, and the plan is left to the server that took it over. Whatever is thrown on the
 * way, the attempt ends recorded, and it is in {@link LiveAttempts} (its lease renewed) exactly
 * while this owner runs it.
 */
final class PlanAttempt {

    private final AttemptStore attempts;
    private final RunContext context;
    private final WorkerHealth health;
    private final LiveAttempts live;
    private volatile PlanExecution execution;
    /** Why this attempt was fenced (its token no longer holds, or this server stopped vouching for it); null while it holds. */
    private volatile String fenced;

    PlanAttempt(AttemptStore attempts, RunContext context, WorkerHealth health, LiveAttempts live) {
        this.attempts = attempts;
        this.context = context;
        this.health = health;
        this.live = live;
    }

    /**
     * Runs one attempt of {@code plan} on {@code worker}, away from the nodes {@code retriesHere} holds
     * for it, and tells {@code retriesHere} how it ended; returns the plan's state after it, as the
     * store decided. {@link PlanLeasedException} when the plan is (or became) another server's.
     */
    PlanRunEntity.State run(Plan plan, Worker worker, RetriesHere retriesHere) throws InterruptedException {
        String name = worker.spec().name();
        AttemptStore.StartedAttempt started = attempts.startAttempt(context.runId, plan.id().digits(), name, worker.host());
        return own(plan, worker, started, retriesHere, false);
    }

    /**
     * Follows an attempt this server's previous life launched and left computing ({@link HeldAttempts}):
     * nothing is staged or launched when its work is still on the worker; when it is gone, the
     * attempt ends as lost (a machine-side failure, retried as any). Its record and token are those
     * the start-up took back; from here it lives as one {@link #run} started.
     */
    PlanRunEntity.State adopt(Plan plan, HeldAttempts.Held held, RetriesHere retriesHere) throws InterruptedException {
        Worker worker = context.workers.get(held.worker());
        AttemptStore.StartedAttempt started = new AttemptStore.StartedAttempt(held.token(), held.number(), java.util.List.of());
        if (worker == null) {
            // removed or disabled while the server was down: its work there cannot be followed
            live.add(held.token(), held.number(), this::fence);
            try {
                AttemptOutcome lost = new AttemptOutcome(AttemptOutcome.Kind.MACHINE_FAILED, null, "lost: the server stopped while attempt "
                        + held.number() + " ran on worker " + held.worker() + ", which is no longer one of this run's workers",
                        held.host(), null, Duration.ZERO, false, null);
                LOG.attemptEnded(context.runId, held.token().plan(), held.number(), held.worker(), held.host(), lost.kind(), lost.reason());
                return end(held.token(), held.number(), lost, plan);
            } finally {
                live.remove(held.token());
            }
        }
        return own(plan, worker, started, retriesHere, true);
    }

    private PlanRunEntity.State own(Plan plan, Worker worker, AttemptStore.StartedAttempt started, RetriesHere retriesHere,
            boolean adopted) throws InterruptedException {
        String name = worker.spec().name();
        OwnerToken token = started.token();
        live.add(token, started.number(), this::fence);
        Instant began = Instant.now();
        context.meters.attemptStarted(name);
        try {
            for (AttemptStore.RunningAttempt dead : started.takenOver()) {
                endDeadAttempt(token, dead);
            }
            AttemptOutcome outcome = compute(worker, task(plan, worker, started, retriesHere), token, began, adopted);
            if (fenced != null && !outcome.resultDelivered()) {
                // this server's doing, not the worker's: should the token still hold (a self-fence), the plan may come back here
                outcome = new AttemptOutcome(AttemptOutcome.Kind.MACHINE_FAILED, null, fenced, outcome.host(), outcome.exitCode(),
                        outcome.duration(), false, outcome.messages(), new AttemptOutcome.RetryHere(null));
            }
            // no progress of the attempt may land after its end
            live.progress(attempts).forget(token);
            retriesHere.ended(name, outcome);
            if (outcome.kind() == AttemptOutcome.Kind.WORKER_LOST) {
                health.lost(name, outcome.reason());
            }
            LOG.attemptEnded(context.runId, token.plan(), started.number(), name, outcome.host(), outcome.kind(), outcome.reason());
            PlanRunEntity.State state = end(token, started.number(), outcome, plan);
            context.meters.attemptEnded(name, outcome.kind().name(), Duration.between(began, Instant.now()), state.name());
            return state;
        } finally {
            live.remove(token);
            context.meters.attemptLeft(name);
        }
    }

    private PlanTask task(Plan plan, Worker worker, AttemptStore.StartedAttempt started, RetriesHere retriesHere) {
        int cores = context.settings.numCores() != null ? context.settings.numCores() : worker.spec().coresPerPlan();
        OwnerToken token = started.token();
        ProgressWriter progress = new ProgressWriter(live.progress(attempts), token);
        return new PlanTask(context.runId, plan, context.project.name(), context.snapshot.held(context.project.filesFor(plan.id()).files()),
                started.number(), cores, context.settings.timeLimit(), context.settings.clearGeompre(), progress::accept, null,
                new QueueWriter(attempts, token, this::fence)::accept, retriesHere.nodesToAvoid(worker.spec().name()))
                .withGeometry(context.settings.forceGeompre(), context.settings.copyGeometryOutputs());
    }

    /**
     * Staged, computing, judged and delivered: whatever is thrown on the way becomes the outcome (a
     * machine-side failure with its cause, or a stop when the thread was interrupted), so that the
     * attempt always ends recorded.
     */
    private AttemptOutcome compute(Worker worker, PlanTask task, OwnerToken token, Instant began, boolean adopted)
            throws InterruptedException {
        try {
            return adopted ? follow(worker, task, token) : computeOn(worker, task, token);
        } catch (WorkerException e) {
            return AttemptOutcome.machineFailure(e, worker.host(), Duration.between(began, Instant.now()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptOutcome(AttemptOutcome.Kind.STOPPED, null, "the plan's thread was interrupted", worker.host(), null,
                    Duration.between(began, Instant.now()), false, null);
        } catch (RuntimeException | Error e) {
            LOG.attemptThrew(context.runId, token.plan(), task.attempt(), e);
            return AttemptOutcome.machineFailure(new WorkerException("attempt " + task.attempt() + " of plan " + token.plan()
                    + " on worker " + worker.spec().name() + " failed on this server's side: " + e, e), worker.host(),
                    Duration.between(began, Instant.now()));
        }
    }

    private AttemptOutcome computeOn(Worker worker, PlanTask task, OwnerToken token) throws WorkerException, InterruptedException {
        HostPreprocessing.Prepared prepared = context.preprocessing.prepare(worker, task);
        if (prepared.failure() != null) {
            // HEC-RAS's own answer while preprocessing: the model's failure, not the machine's, and not tried again
            return new AttemptOutcome(AttemptOutcome.Kind.MODEL_FAILED, "FAILED", "HEC-RAS's preprocessing on "
                    + prepared.failure().host() + " wrote no compute inputs for the Linux engine: " + prepared.failure().failure(),
                    prepared.failure().host(), null, Duration.ZERO, false, prepared.failure().messages());
        }
        return await(context.session(worker.spec().name()).start(prepared.task()), token);
    }

    /** The previous life's work of the attempt, followed where it is; lost when nothing of it is left on the worker. */
    private AttemptOutcome follow(Worker worker, PlanTask task, OwnerToken token) throws WorkerException, InterruptedException {
        java.util.Optional<PlanExecution> found = context.session(worker.spec().name()).adopt(task);
        if (found.isEmpty()) {
            LOG.attemptNotAdopted(context.runId, token.plan(), task.attempt(), worker.spec().name());
            // whatever the worker still holds of it (a job its listing missed) must not compute beside the next attempt
            try {
                worker.endAttempt(new AttemptRef(context.server, context.runId, task.folderName()));
            } catch (WorkerException | RuntimeException e) {
                LOG.endingTakenOverFailed(context.runId, token.plan(), task.attempt(), context.server, worker.spec().name(), e);
            }
            return new AttemptOutcome(AttemptOutcome.Kind.MACHINE_FAILED, null, "lost: the server stopped while attempt "
                    + task.attempt() + " ran on worker " + worker.spec().name() + ", and its work there was gone when the server"
                    + " came back", worker.host(), null, Duration.ZERO, false, null);
        }
        LOG.attemptAdopted(context.runId, token.plan(), task.attempt(), worker.spec().name(), token.toString());
        return await(found.get(), token);
    }

    /** Follows the plan's execution to its end, judged, and delivered while the token holds. */
    private AttemptOutcome await(PlanExecution launched, OwnerToken token) throws WorkerException, InterruptedException {
        String digits = token.plan();
        try (PlanExecution started = launched) {
            execution = started;
            context.running(digits, started);
            try {
                if (fenced != null) {
                    started.stop(fenced);
                }
                if (started.process() != null && !attempts.attemptProcess(token, started.process().pid(), started.process().started())) {
                    fence("its process could not be recorded: the attempt is no longer " + token + "'s");
                }
                FetchedAttempt fetched = started.await();
                return PlanVerification.settle(fetched, context.snapshot, () -> mayDeliver(token), context.geometryHome);
            } finally {
                context.done(digits);
                execution = null;
            }
        }
    }

    /** Asked immediately before each rename into the project: only the attempt's owner delivers, and only once fenced never. */
    private void mayDeliver(OwnerToken token) throws HomeDelivery.Refused {
        String why = fenced;
        if (why == null) {
            try {
                if (attempts.holds(token)) {
                    return;
                }
                why = "the attempt is no longer " + token + "'s";
            } catch (RuntimeException e) {
                why = "this server cannot prove it still owns the attempt (" + e.getMessage() + ")";
            }
            fence(why);
        }
        throw new HomeDelivery.Refused("the result was not delivered: " + why);
    }

    /**
     * Ended: the store records the outcome only while the token holds, and decides where the plan
     * stands. An end that cannot be recorded leaves the attempt to its lease (no longer renewed).
     */
    private PlanRunEntity.State end(OwnerToken token, int number, AttemptOutcome outcome, Plan plan) {
        String hdf = outcome.resultDelivered() ? context.project.file(plan.id().extension() + ".hdf").toString() : null;
        try {
            return attempts.endAttempt(token, new AttemptStore.AttemptRecord(outcome.kind().name(), end(outcome), outcome.verdict(),
                    outcome.reason(), outcome.host(), outcome.exitCode(), outcome.messages(), outcome.duration().toMillis() / 1000.0),
                    context.settings.maxAttempts(), hdf);
        } catch (PlanLeasedException e) {
            LOG.attemptFenced(context.runId, token.plan(), number, token.toString(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.attemptEndNotRecorded(context.runId, token.plan(), number, e);
            throw e;
        }
    }

    private static AttemptStore.End end(AttemptOutcome outcome) {
        if (outcome.succeeded()) {
            return AttemptStore.End.SUCCEEDED;
        }
        if (outcome.kind() == AttemptOutcome.Kind.STOPPED) {
            return AttemptStore.End.STOPPED;
        }
        return outcome.retryable() ? AttemptStore.End.RETRYABLE : AttemptStore.End.FINAL;
    }

    /** Stops this attempt without delivering: its token no longer holds, or this server stopped vouching for it. */
    void fence(String reason) {
        if (fenced == null) {
            fenced = reason;
        }
        PlanExecution running = execution;
        if (running != null) {
            running.stop(reason);
        }
    }

    /**
     * A dead server's attempt may still compute on its worker: it is ended there (whatever its
     * server left for that attempt, and its recorded process when that ran on this machine: a pid
     * means nothing on another host) before the plan starts again, while this attempt's token holds.
     */
    private void endDeadAttempt(OwnerToken token, AttemptStore.RunningAttempt dead) {
        if (!attempts.holds(token)) {
            return;
        }
        boolean here = LocalHost.name().equals(dead.host());
        boolean ended = here && dead.pid() != null && LocalWorker.endOrphan(dead.pid(), dead.processStart());
        int more = 0;
        Worker worker = context.workers.get(dead.worker());
        if (worker != null) {
            try {
                more = worker.endAttempt(new AttemptRef(dead.node(), dead.runId(), AttemptRef.folderName(PlanId.parse(dead.plan()),
                        dead.number())));
            } catch (WorkerException | RuntimeException e) {
                LOG.endingTakenOverFailed(dead.runId(), dead.plan(), dead.number(), dead.node(), dead.worker(), e);
            }
        }
        LOG.attemptTakenOver(dead.runId(), dead.plan(), dead.number(), dead.node(), (ended ? 1 : 0) + more);
    }

    /** Writes why the plan waits in its worker's own queue when that changes: a cluster's reason changes seldom. */
    static final class QueueWriter {
        private final AttemptStore attempts;
        private final OwnerToken token;
        private final java.util.function.Consumer<String> fence;
        private String last;

        QueueWriter(AttemptStore attempts, OwnerToken token, java.util.function.Consumer<String> fence) {
            this.attempts = attempts;
            this.token = token;
            this.fence = fence;
        }

        synchronized void accept(String reason) {
            if (java.util.Objects.equals(reason, last)) {
                return;
            }
            last = reason;
            try {
                if (!attempts.queued(token, reason)) {
                    fence.accept("its queue reason could not be recorded: the plan is no longer " + token + "'s");
                }
            } catch (RuntimeException e) {
                LOG.progressNotRecorded(token.runId(), token.plan(), e);
            }
        }
    }

    /** Writes progress to the store at most every few seconds: a plan reports it often. */
    /** Posts the attempt's progress to the server's {@link ProgressBook} at most every two seconds, and its end at once. */
    static final class ProgressWriter {
        private final ProgressBook book;
        private final OwnerToken token;
        private Instant last = Instant.EPOCH;

        ProgressWriter(ProgressBook book, OwnerToken token) {
            this.book = book;
            this.token = token;
        }

        synchronized void accept(double fraction) {
            Instant now = Instant.now();
            if (fraction >= 1.0 || Duration.between(last, now).toMillis() >= 2000) {
                last = now;
                book.post(token, fraction);
            }
        }
    }
}
