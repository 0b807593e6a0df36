package io.rasfleet.worker;

/**
 * A plan running on a worker. It only runs and fetches: {@link #await} returns what the attempt
 * left ({@link FetchedAttempt}), which {@link PlanVerification} judges. Closing it ends whatever
 * still runs and cleans the attempt's folder, so the caller judges and brings home before closing.
 */
public interface PlanExecution extends AutoCloseable {

    /**
     * Waits for the plan to end and fetches its messages and result. Throws when the worker failed
     * its part (a lost connection, a container removed from outside): a machine-side failure,
     * {@link WorkerUnreachableException} among the causes when the worker itself is gone.
     */
    FetchedAttempt await() throws WorkerException, InterruptedException;

    /** Ends the plan from any thread; {@link #await} then reports it {@code STOPPED} with this reason. */
    void stop(String reason);

    /** The process the plan runs as on this machine, for finding it again after a server crash; null when remote. */
    ProcessRef process();

    @Override
    void close();

    /** A local process: pid and start instant, together unique on a machine. */
    record ProcessRef(long pid, java.time.Instant started) {
    }
}
