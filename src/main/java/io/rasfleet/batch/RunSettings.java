package io.rasfleet.batch;

import java.time.Duration;

/**
 * A run's settings as the batch job needs them.
 *
 * @param priority the run's priority: its plans take free slots before those of lower runs
 */
record RunSettings(Integer numCores, boolean clearGeompre, int maxAttempts, Duration timeLimit, int priority) {
}
