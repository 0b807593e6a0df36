package io.rasfleet.testing;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanVerification;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import java.time.Duration;

/**
 * A worker test's attempt ends as the batch layer's does: what the worker fetched is judged and
 * brought home by {@link PlanVerification}, a worker's failure becomes a machine failure.
 */
public final class Attempts {

    /** The server the worker tests run as: what they leave on workers is named after it. */
    public static final String SERVER = "test-server";

    /** For {@link io.rasfleet.worker.Worker#endAbandoned}: a server none of whose attempts is live (it has just started). */
    public static final java.util.function.Predicate<io.rasfleet.worker.AttemptRef> NONE_LIVE = work -> false;

    private Attempts() {
    }

    public static WorkerRun run(long runId, ProjectSnapshot snapshot) {
        return new WorkerRun(SERVER, runId, snapshot);
    }

    /**
     * {@link #outcome} on a thread of its own, for a test that runs two attempts at once: a worker
     * may launch a plan only once it is awaited.
     */
    public static java.util.concurrent.CompletableFuture<AttemptOutcome> outcomeLater(PlanExecution execution, ProjectSnapshot snapshot) {
        java.util.concurrent.CompletableFuture<AttemptOutcome> later = new java.util.concurrent.CompletableFuture<>();
        Thread awaiting = new Thread(() -> {
            try {
                later.complete(outcome(execution, snapshot));
            } catch (Throwable e) {
                later.completeExceptionally(e);
            }
        }, "test-attempt");
        awaiting.setDaemon(true);
        awaiting.start();
        return later;
    }

    /** Waits for the plan, then judges it against {@code snapshot} and brings a success home into the snapshot's folder. */
    public static AttemptOutcome outcome(PlanExecution execution, ProjectSnapshot snapshot) throws InterruptedException {
        try {
            return PlanVerification.settle(execution.await(), snapshot);
        } catch (WorkerException e) {
            return AttemptOutcome.machineFailure(e, null, Duration.ZERO);
        }
    }

    /**
     * Follows {@code execution} on a thread of its own for a few seconds, in which it must not end
     * (it computes), then stops it: the outcome of that stop.
     */
    public static AttemptOutcome stoppedWhileFollowed(PlanExecution execution, ProjectSnapshot snapshot) throws Exception {
        java.util.concurrent.CompletableFuture<AttemptOutcome> later = outcomeLater(execution, snapshot);
        Thread.sleep(3_000);
        if (later.isDone()) {
            throw new AssertionError("the attempt ended before its stop: " + later.get().reason());
        }
        execution.stop("stopped by the test");
        return later.get(1, java.util.concurrent.TimeUnit.MINUTES);
    }
}
