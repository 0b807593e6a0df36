package io.rasfleet.worker;

/**
 * A machine failure that another try on the same worker may well not meet: a cluster's node failed
 * or the cluster preempted the job. The plan is tried again on this worker (within its attempts),
 * without {@link #withoutNode()} when one node is to blame, rather than the worker being given up
 * for the plan as after other machine failures.
 */
public class RetryHereException extends WorkerException {

    private final String withoutNode;

    /** {@code withoutNode}: the node the next try must avoid; null when no one node is to blame (a preemption). */
    public RetryHereException(String message, String withoutNode, String output) {
        super(message, null, output);
        this.withoutNode = withoutNode;
    }

    public String withoutNode() {
        return withoutNode;
    }

    /** What {@code e} or one of its causes says about trying again on its worker; null when it says nothing. */
    public static AttemptOutcome.RetryHere in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryHereException here) {
                return new AttemptOutcome.RetryHere(here.withoutNode);
            }
        }
        return null;
    }
}
