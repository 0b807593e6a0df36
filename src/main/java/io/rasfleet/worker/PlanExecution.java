package io.rasfleet.worker;

/** A plan running on a worker; closing it ends whatever still runs and cleans its folder. */
public interface PlanExecution extends AutoCloseable {

    /** Waits for the plan to end, judges its result and brings a successful one home. */
    AttemptOutcome await() throws InterruptedException;

    /** Ends the plan from any thread; {@link #await} then reports it STOPPED with this reason. */
    void stop(String reason);

    /** The process the plan runs as, for finding it again after a server crash; null when remote. */
    ProcessRef process();

    @Override
    void close();

    /** A local process: pid and start instant, together unique on a machine. */
    record ProcessRef(long pid, java.time.Instant started) {
    }
}
