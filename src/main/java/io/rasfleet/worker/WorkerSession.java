package io.rasfleet.worker;

import io.rasfleet.project.ProjectSnapshot;
import java.util.Map;

/**
 * One run on one worker, holding the staged snapshot. Closing it removes what the run left on the
 * worker unless the worker's {@code autoclean} is off.
 */
public interface WorkerSession extends AutoCloseable {

    /** Makes the plan's working folder from the snapshot and launches it. */
    PlanExecution start(PlanTask task) throws WorkerException;

    /**
     * What the worker holds of this run's snapshot, by relative path with {@code /} separators:
     * each regular file's size and SHA-256, computed on the worker's side so that they prove what
     * arrived there (not what was sent). A file the worker lacks is absent; a snapshot folder that
     * is gone gives an empty map. See {@link SnapshotProof}.
     */
    Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException;

    /** What staging this session's snapshot sent to the worker (the figure benchmarks and metrics read). */
    StagingReport staging();

    @Override
    void close();
}
