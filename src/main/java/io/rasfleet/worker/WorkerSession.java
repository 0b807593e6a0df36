package io.rasfleet.worker;

/**
 * One run on one worker, holding the staged snapshot. Closing it removes what the run left on the
 * worker unless the worker's {@code autoclean} is off.
 */
public interface WorkerSession extends AutoCloseable {

    /** Makes the plan's working folder from the snapshot and launches it. */
    PlanExecution start(PlanTask task) throws WorkerException;

    @Override
    void close();
}
