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

    /** Stages the snapshot on the worker for one run; the session then runs that run's plans. */
    WorkerSession open(long runId, ProjectSnapshot snapshot) throws WorkerException;
}
