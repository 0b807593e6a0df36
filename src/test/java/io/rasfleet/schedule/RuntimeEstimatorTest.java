package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rasfleet.project.PlanId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeEstimatorTest {

    private static final PlanId P1 = new PlanId(1);
    private static final PlanId P2 = new PlanId(2);
    private static final PlanId P3 = new PlanId(3);

    @Test
    void historyComesBeforeTheResultsFileWhichComesBeforeTheModelSize() {
        Map<PlanId, RuntimeEstimator.Known> known = Map.of(
                P1, new RuntimeEstimator.Known(Duration.ofSeconds(40), Duration.ofSeconds(90), 1000.0),
                P2, new RuntimeEstimator.Known(null, Duration.ofSeconds(90), 1000.0));
        Map<PlanId, RuntimeEstimate> e = RuntimeEstimator.estimate(known, Optional.empty());
        assertEquals(new RuntimeEstimate(Duration.ofSeconds(40), RuntimeEstimate.Source.HISTORY), e.get(P1));
        assertEquals(new RuntimeEstimate(Duration.ofSeconds(90), RuntimeEstimate.Source.RESULT_FILE), e.get(P2));
    }

    @Test
    void theModelSizeIsScaledByTheSecondsPerCellStepMeasuredForTheOtherPlans() {
        Map<PlanId, RuntimeEstimator.Known> known = new LinkedHashMap<>();
        known.put(P1, new RuntimeEstimator.Known(Duration.ofSeconds(10), null, 2000.0));
        known.put(P2, new RuntimeEstimator.Known(null, Duration.ofSeconds(50), 3000.0));
        known.put(P3, new RuntimeEstimator.Known(null, null, 6000.0));
        // 60 s over 5000 cell steps: 12 ms a cell step, whatever the server measured elsewhere
        RuntimeEstimate p3 = RuntimeEstimator.estimate(known, Optional.of(1.0)).get(P3);
        assertEquals(new RuntimeEstimate(Duration.ofSeconds(72), RuntimeEstimate.Source.MODEL_SIZE), p3);
    }

    @Test
    void withoutAMeasuredPlanInTheRunTheServersRateScalesTheModelSizeAndWithoutThatItOnlyOrders() {
        Map<PlanId, RuntimeEstimator.Known> known = Map.of(P1, new RuntimeEstimator.Known(null, null, 4000.0),
                P2, new RuntimeEstimator.Known(null, null, 1000.0));
        assertEquals(new RuntimeEstimate(Duration.ofSeconds(8), RuntimeEstimate.Source.MODEL_SIZE),
                RuntimeEstimator.estimate(known, Optional.of(0.002)).get(P1));
        Map<PlanId, RuntimeEstimate> unscaled = RuntimeEstimator.estimate(known, Optional.empty());
        assertEquals(RuntimeEstimate.Source.MODEL_SIZE_UNSCALED, unscaled.get(P1).source());
        assertEquals(4.0, unscaled.get(P1).expected().toNanos() / (double) unscaled.get(P2).expected().toNanos(), 1e-9);
    }

    @Test
    void aPlanWithNothingKnownHasNoEstimate() {
        assertFalse(RuntimeEstimator.estimate(Map.of(P1, new RuntimeEstimator.Known(null, null, null)), Optional.of(1.0))
                .containsKey(P1));
    }
}
