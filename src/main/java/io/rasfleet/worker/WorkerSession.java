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
     * Follows attempt {@link PlanTask#attempt()} of the task's plan that this server launched in its
     * previous life (before a crash, a kill -9 or a restart of the app server) when its work is still
     * on the worker: found by what its launch left there under this run and the attempt's folder
     * name ({@link PlanTask#folderName()}, {@link AttemptRef}): a process working in the attempt's
     * folder, a container labelled with it, a cluster job commented with it. Nothing is staged and
     * nothing launched: the execution returned follows the work already there (its progress through
     * the task's listeners, its time limit counted from the attempt's launch where the worker
     * knows it), fetches what it left and cleans up as one from {@link #start} does, and its
     * {@link PlanExecution#stop} ends it. Work that ended while this server was down is fetched as it
     * ended (its result and messages; the exit code where the worker kept one, else null), so that a
     * plan that finished meanwhile comes home without computing again. Empty when nothing of the
     * attempt is left on the worker: the caller counts the attempt lost and starts another. The run's
     * session is opened anew after the restart; opening it never removes an attempt's folder or work.
     */
    java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException;

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
