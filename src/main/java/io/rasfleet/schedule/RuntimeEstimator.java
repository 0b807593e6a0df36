package io.rasfleet.schedule;

import io.rasfleet.project.PlanId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A plan's expected run time before it starts, from the best source it has: its own history on this
 * server, else the computation time its results file in the project records, else its model size
 * (time steps times cells) at the seconds per cell step measured here. The rate comes from plans
 * that have both a time and a size: this run's, else the server's history of other plans.
 */
public final class RuntimeEstimator {

    /** What is known of one plan before it runs; any part may be null. */
    public record Known(Duration history, Duration resultFile, Double modelWork) {
    }

    /** Seconds per cell step when nothing was measured: one microsecond, a figure only for ordering. */
    static final double NOMINAL_SECONDS_PER_WORK = 1e-6;

    private RuntimeEstimator() {
    }

    /**
     * The estimate of each plan that has any source; a plan with none is left out.
     *
     * @param serverSecondsPerWork seconds per cell step this server measured for other projects' plans, if any
     */
    public static Map<PlanId, RuntimeEstimate> estimate(Map<PlanId, Known> plans, Optional<Double> serverSecondsPerWork) {
        Optional<Double> rate = secondsPerWork(plans).or(() -> serverSecondsPerWork);
        Map<PlanId, RuntimeEstimate> estimates = new LinkedHashMap<>();
        plans.forEach((id, known) -> {
            if (known.history() != null) {
                estimates.put(id, new RuntimeEstimate(known.history(), RuntimeEstimate.Source.HISTORY));
            } else if (known.resultFile() != null) {
                estimates.put(id, new RuntimeEstimate(known.resultFile(), RuntimeEstimate.Source.RESULT_FILE));
            } else if (known.modelWork() != null && known.modelWork() > 0) {
                double perWork = rate.orElse(NOMINAL_SECONDS_PER_WORK);
                estimates.put(id, new RuntimeEstimate(Duration.ofMillis(Math.round(known.modelWork() * perWork * 1000)),
                        rate.isPresent() ? RuntimeEstimate.Source.MODEL_SIZE : RuntimeEstimate.Source.MODEL_SIZE_UNSCALED));
            }
        });
        return estimates;
    }

    /** Total measured seconds over total work of the plans that have both; empty when none has. */
    static Optional<Double> secondsPerWork(Map<PlanId, Known> plans) {
        double seconds = 0;
        double work = 0;
        for (Known known : plans.values()) {
            Duration measured = known.history() != null ? known.history() : known.resultFile();
            if (measured != null && known.modelWork() != null && known.modelWork() > 0) {
                seconds += measured.toMillis() / 1000.0;
                work += known.modelWork();
            }
        }
        return work > 0 ? Optional.of(seconds / work) : Optional.empty();
    }
}
