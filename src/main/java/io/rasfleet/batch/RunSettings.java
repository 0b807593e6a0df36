package io.rasfleet.batch;

import java.time.Duration;

/** A run's settings as the batch job needs them. */
record RunSettings(Integer numCores, boolean clearGeompre, int maxAttempts, Duration timeLimit) {
}
