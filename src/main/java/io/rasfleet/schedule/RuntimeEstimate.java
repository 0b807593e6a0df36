package io.rasfleet.schedule;

import java.time.Duration;

/**
 * How long a plan is expected to compute and where that figure came from.
 *
 * @param expected how long, on a worker of average speed
 * @param source   where the figure came from
 */
public record RuntimeEstimate(Duration expected, Source source) {

    public enum Source {
        /** The plan's own runs on this server (mean of its succeeded executions). */
        HISTORY,
        /** {@code Computation Time Total} of the plan's results file in the project (the modeller's own run). */
        RESULT_FILE,
        /** The plan's time steps times its geometry's cells, at the seconds per cell step this server measured. */
        MODEL_SIZE,
        /** The plan's size at a nominal rate: nothing was measured yet, so it only orders plans among themselves. */
        MODEL_SIZE_UNSCALED
    }
}
