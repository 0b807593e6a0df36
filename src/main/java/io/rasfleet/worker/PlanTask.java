package io.rasfleet.worker;

import io.rasfleet.project.Plan;
import java.time.Duration;
import java.util.List;

/**
 * One attempt at one plan: which plan, with which of the snapshot's files, how many cores, and
 * under which time limit.
 *
 * @param files         the plan's files, relative to the project folder (a subset of the snapshot)
 * @param cores         written into the staged plan's cores keys (0 = all)
 * @param progressListener told as the plan's progress changes; may be null
 * @param computeInputs the Linux engine's inputs made for this run by another worker, by file name
 *                      (see {@link ComputeInputsMaker}); empty when the snapshot has them or none are needed
 * @param queueListener told, by workers with a queue of their own (a Slurm cluster), why the plan
 *                      still waits there (Slurm's reason, such as {@code Priority}), and {@code null}
 *                      once it computes; may be null
 * @param avoidNodes    the nodes of a cluster worker this plan failed on in this execution ({@link RetryHereException}):
 *                      the worker does not send it there again; empty for most workers
 * @param clearGeometryPreprocessor delete the staged {@code .cGG} so that HEC-RAS preprocesses the geometry
 *                      (on the Linux engine: run {@code RasGeomPreprocess} first); true whenever
 *                      {@code forceGeometryPreprocessor} is
 * @param forceGeometryPreprocessor also delete the staged geometry HDF ({@code Name.gGG.hdf}) before the run
 * @param copyGeometryOutputs fetch the geometry preprocessor's outputs the run wrote
 *                      ({@link io.rasfleet.project.GeometryOutputs}) with the result, to be brought home
 */
public record PlanTask(
        long runId,
        Plan plan,
        String projectName,
        List<String> files,
        int attempt,
        int cores,
        Duration timeLimit,
        boolean clearGeometryPreprocessor,
        java.util.function.DoubleConsumer progressListener,
        java.util.Map<String, java.nio.file.Path> computeInputs,
        java.util.function.Consumer<String> queueListener,
        java.util.Set<String> avoidNodes,
        boolean forceGeometryPreprocessor,
        boolean copyGeometryOutputs) {

    public PlanTask {
        files = List.copyOf(files);
        clearGeometryPreprocessor = clearGeometryPreprocessor || forceGeometryPreprocessor;
        computeInputs = computeInputs == null ? java.util.Map.of() : java.util.Map.copyOf(computeInputs);
        avoidNodes = avoidNodes == null ? java.util.Set.of() : java.util.Set.copyOf(avoidNodes);
    }

    /** A task whose geometry outputs come home (ras-commander's default) and whose geometry HDF is kept. */
    public PlanTask(long runId, Plan plan, String projectName, List<String> files, int attempt, int cores, Duration timeLimit,
            boolean clearGeometryPreprocessor, java.util.function.DoubleConsumer progressListener,
            java.util.Map<String, java.nio.file.Path> computeInputs, java.util.function.Consumer<String> queueListener,
            java.util.Set<String> avoidNodes) {
        this(runId, plan, projectName, files, attempt, cores, timeLimit, clearGeometryPreprocessor, progressListener, computeInputs,
                queueListener, avoidNodes, false, true);
    }

    /** A task that may go to any of its worker's nodes. */
    public PlanTask(long runId, Plan plan, String projectName, List<String> files, int attempt, int cores, Duration timeLimit,
            boolean clearGeometryPreprocessor, java.util.function.DoubleConsumer progressListener,
            java.util.Map<String, java.nio.file.Path> computeInputs, java.util.function.Consumer<String> queueListener) {
        this(runId, plan, projectName, files, attempt, cores, timeLimit, clearGeometryPreprocessor, progressListener, computeInputs,
                queueListener, null);
    }

    public PlanTask(long runId, Plan plan, String projectName, List<String> files, int attempt, int cores, Duration timeLimit,
            boolean clearGeometryPreprocessor, java.util.function.DoubleConsumer progressListener) {
        this(runId, plan, projectName, files, attempt, cores, timeLimit, clearGeometryPreprocessor, progressListener, null, null, null);
    }

    public PlanTask withComputeInputs(java.util.Map<String, java.nio.file.Path> inputs) {
        return new PlanTask(runId, plan, projectName, files, attempt, cores, timeLimit, clearGeometryPreprocessor,
                progressListener, inputs, queueListener, avoidNodes, forceGeometryPreprocessor, copyGeometryOutputs);
    }

    /** This task with the run's geometry settings: {@code forceGeompre} and {@code copyGeometryOutputs}. */
    public PlanTask withGeometry(boolean force, boolean copyOutputs) {
        return new PlanTask(runId, plan, projectName, files, attempt, cores, timeLimit, clearGeometryPreprocessor,
                progressListener, computeInputs, queueListener, avoidNodes, force, copyOutputs);
    }

    /** The geometry preprocessor's outputs to fetch with the result: none unless {@code copyGeometryOutputs}. */
    public List<String> geometryOutputs() {
        return copyGeometryOutputs ? io.rasfleet.project.GeometryOutputs.of(projectName, plan) : List.of();
    }

    /** A folder name for this attempt, unique within the run: {@code p01-a2}. */
    public String folderName() {
        return AttemptRef.folderName(plan.id(), attempt);
    }
}
