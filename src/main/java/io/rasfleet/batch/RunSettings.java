package io.rasfleet.batch;

import java.time.Duration;

/**
 * A run's settings as the batch job needs them.
 *
 * @param priority the run's priority: its plans take free slots before those of lower runs
 * @param forceGeompre also delete the staged geometry HDF before the run
 * @param copyGeometryOutputs bring the geometry preprocessor's outputs home with each plan's result
 */
record RunSettings(Integer numCores, boolean clearGeompre, int maxAttempts, Duration timeLimit, int priority, boolean forceGeompre,
        boolean copyGeometryOutputs) {

    /** Settings with ras-commander's geometry defaults: the geometry HDF kept, the preprocessor's outputs brought home. */
    RunSettings(Integer numCores, boolean clearGeompre, int maxAttempts, Duration timeLimit, int priority) {
        this(numCores, clearGeompre, maxAttempts, timeLimit, priority, false, true);
    }
}
