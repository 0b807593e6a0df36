package io.rasfleet.results;

import java.time.Instant;

/**
 * What is known about the run that should have written a results file; each part may be unknown
 * (null), as when a user inspects a file alone.
 *
 * @param exitCode   the process's exit code
 * @param timedOut   the process was ended at its time limit
 * @param launchedAt when the run began: a file older than this is a stale copy
 * @param writtenAt  when the file was last written, on the same clock as {@code launchedAt} (the
 *                   machine that ran it); null to take the file's own time (a run on this machine)
 */
public record RunEvidence(Integer exitCode, boolean timedOut, Instant launchedAt, Instant writtenAt) {

    /** A run on this machine: the file's own time is compared with the launch. */
    public RunEvidence(Integer exitCode, boolean timedOut, Instant launchedAt) {
        this(exitCode, timedOut, launchedAt, null);
    }

    /** Nothing known but the file itself. */
    public static RunEvidence none() {
        return new RunEvidence(null, false, null, null);
    }
}
