package io.rasfleet.worker;

/**
 * A machine (or engine) that runs plans. Small on purpose: each type says whether it can work,
 * opens a session per run, which receives the project snapshot once, and ends what a dead server
 * left behind. Everything a server leaves on a worker is named after that server and attempt
 * ({@link WorkerRun}, {@link AttemptRef}), so that clean-up never touches a peer's work.
 */
public interface Worker {

    WorkerSpec spec();

    /** The machine (or engine) that computes, as attempts record it. */
    String host();

    /** What was checked and what failed, in words; never throws for an unreachable machine. */
    CheckReport check();

    /**
     * Ends the plan processes (or containers) that a previous life of server {@code server} left
     * running on the worker, after a crash; returns how many. Nothing of another server is touched.
     * Throws when the worker cannot be reached.
     */
    int endAbandoned(String server) throws WorkerException;

    /**
     * Ends what one attempt of a dead server may have left running on the worker; returns how many
     * processes or containers. Used when another server takes the plan over, so that it never runs
     * twice at once.
     */
    int endAttempt(AttemptRef attempt) throws WorkerException;

    /** Stages the run's snapshot on the worker; the session then runs that run's plans. */
    WorkerSession open(WorkerRun run) throws WorkerException;
}
