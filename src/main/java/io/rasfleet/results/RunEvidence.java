package io.rasfleet.results;

import java.time.Instant;

/**
 * What is known about the run that should have written a results file; each part may be unknown
 * (null), as when a user inspects a file alone.
 *
 * @param exitCode   the process's exit code
 * @param timedOut   the process was ended at its time limit
 * @param launchedAt when the run began: a file older than this is a stale copy
 */
public record RunEvidence(Integer exitCode, boolean timedOut, Instant launchedAt) {

    /** Nothing known but the file itself. */
    public static RunEvidence none() {
        return new RunEvidence(null, false, null);
    }
}
