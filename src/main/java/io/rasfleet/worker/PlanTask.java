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
        java.util.function.DoubleConsumer progressListener) {

    public PlanTask {
        files = List.copyOf(files);
    }

    /** A folder name for this attempt, unique within the run: {@code p01-a2}. */
    public String folderName() {
        return plan.id().extension() + "-a" + attempt;
    }
}
