package io.rasfleet.worker;

import io.rasfleet.project.ProjectSnapshot;

/**
 * A machine (or engine) that runs plans. Small on purpose: each type says whether it can work,
 * and opens a session per run, which receives the project snapshot once.
 */
public interface Worker {

    WorkerSpec spec();

    /** What was checked and what failed, in words; never throws for an unreachable machine. */
    CheckReport check();

    /**
     * Ends the plan processes (or containers) that a previous life of this server left running on
     * the worker, after a crash; returns how many. Throws when the worker cannot be reached.
     */
    int endAbandoned() throws WorkerException;

    /**
     * Ends what one attempt of a dead server may have left running on the worker (its folder is
     * {@link PlanTask#folderName()} of run {@code runId}); returns how many processes or containers.
     * Used when another server takes the plan over, so that it never runs twice at once.
     */
    int endAttempt(long runId, String folderName) throws WorkerException;

    /** Stages the snapshot on the worker for one run; the session then runs that run's plans. */
    WorkerSession open(long runId, ProjectSnapshot snapshot) throws WorkerException;
}
