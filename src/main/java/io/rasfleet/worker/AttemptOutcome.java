package io.rasfleet.worker;

import java.time.Duration;

/**
 * How one attempt ended, as data: the run, plan and worker are known to the caller; this says on
 * which host, how, and why. {@link Kind#MACHINE_FAILED} is worth another worker, and so is
 * {@link Kind#WORKER_LOST}, after which the worker itself gets no plans until a check passes;
 * {@link Kind#MODEL_FAILED} is HEC-RAS's answer and is not retried.
 *
 * @param resultDelivered the plan's results were brought into the project
 * @param messages        the plan's compute messages (may be null when none were written)
 * @param retryHere       a machine failure worth another try on the same worker (a cluster's node
 *                        failed: without that node); null when the worker is given up for the plan
 */
public record AttemptOutcome(
        Kind kind,
        String verdict,
        String reason,
        String host,
        Integer exitCode,
        Duration duration,
        boolean resultDelivered,
        String messages,
        RetryHere retryHere) {

    /** Try the plan again on the worker that failed it, avoiding {@code withoutNode} when not null. */
    public record RetryHere(String withoutNode) {
    }

    /** An outcome after which the plan does not come back to the same worker (unless nothing else is left). */
    public AttemptOutcome(Kind kind, String verdict, String reason, String host, Integer exitCode, Duration duration,
            boolean resultDelivered, String messages) {
        this(kind, verdict, reason, host, exitCode, duration, resultDelivered, messages, null);
    }

    public enum Kind { SUCCEEDED, MODEL_FAILED, MACHINE_FAILED, WORKER_LOST, TIMED_OUT, STOPPED }

    public boolean succeeded() {
        return kind == Kind.SUCCEEDED;
    }

    /**
     * A worker that could not do its part ({@link PlanExecution#await} or staging threw): lost when
     * the worker itself is unreachable, else a machine-side failure; both are worth another worker.
     */
    public static AttemptOutcome machineFailure(WorkerException e, String host, Duration duration) {
        Kind kind = WorkerUnreachableException.in(e) ? Kind.WORKER_LOST : Kind.MACHINE_FAILED;
        return new AttemptOutcome(kind, null, e.getMessage(), host, null, duration, false, e.output(),
                kind == Kind.MACHINE_FAILED ? RetryHereException.in(e) : null);
    }

    public boolean retryable() {
        return kind == Kind.MACHINE_FAILED || kind == Kind.WORKER_LOST;
    }
}
