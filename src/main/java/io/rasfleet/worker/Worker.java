package io.rasfleet.worker;

/**
 * A machine (or engine) that runs plans. Small on purpose: each type says whether it can work,
 * opens a session per run, which receives the project snapshot once, and ends what a dead server
 * left behind. Everything a server leaves on a worker is named after that server and attempt
 * ({@link WorkerRun}, {@link AttemptRef}), so that clean-up never touches a peer's work, nor the
 * work of this server's own live attempts.
 */
public interface Worker {

    WorkerSpec spec();

    /** The machine (or engine) that computes, as attempts record it. */
    String host();

    /** What was checked and what failed, in words; never throws for an unreachable machine. */
    CheckReport check();

    /**
     * Ends what server {@code server} left running on the worker (plan processes, containers,
     * jobs) except the work of its attempts that are live now; returns how many it ended. Run at
     * start-up, in the background, while this server may already run plans again (a run restarted
     * just after boot): each type first lists what it finds of {@code server}, tagged with an
     * {@link AttemptRef} (a process's folder or environment, a container's label, a job's comment),
     * and only then asks {@code live} about each thing found, so that an attempt launched after the
     * listing is never touched and one live at the asking is spared. {@code live} also answers for
     * a run's own work ({@link AttemptRef#wholeRun}); what names no attempt or run of {@code server}
     * is left alone. Nothing of another server is touched. Throws when the worker cannot be reached.
     */
    int endAbandoned(String server, java.util.function.Predicate<AttemptRef> live) throws WorkerException;

    /**
     * Ends what one attempt of a dead server may have left running on the worker; returns how many
     * processes or containers. Used when another server takes the plan over, so that it never runs
     * twice at once.
     */
    int endAttempt(AttemptRef attempt) throws WorkerException;

    /** Stages the run's snapshot on the worker; the session then runs that run's plans. */
    WorkerSession open(WorkerRun run) throws WorkerException;
}
