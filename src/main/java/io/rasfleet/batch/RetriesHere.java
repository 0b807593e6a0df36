package io.rasfleet.batch;

import io.rasfleet.worker.AttemptOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One plan's failures that are worth another try on the same worker ({@link AttemptOutcome#retryHere()}:
 * a cluster's node failed, or the cluster preempted the job), in one execution of its run: the
 * worker gets the plan again, and never again on the nodes it failed on, rather than being given up
 * for the plan as a whole.
 */
final class RetriesHere {

    private final Map<String, Set<String>> failedNodes = new HashMap<>();
    private String retryOn;

    /** The nodes of {@code worker} the plan failed on: the next attempt there avoids them. */
    Set<String> nodesToAvoid(String worker) {
        return Set.copyOf(failedNodes.getOrDefault(worker, Set.of()));
    }

    /** Notes how an attempt on {@code worker} ended. */
    void ended(String worker, AttemptOutcome outcome) {
        AttemptOutcome.RetryHere here = outcome.retryHere();
        retryOn = here == null ? null : worker;
        if (here != null && here.withoutNode() != null) {
            failedNodes.computeIfAbsent(worker, w -> new HashSet<>()).add(here.withoutNode());
        }
    }

    /** Whether the plan's last attempt, on {@code worker}, asked to be tried there again. */
    boolean tryAgainOn(String worker) {
        return worker.equals(retryOn);
    }
}
