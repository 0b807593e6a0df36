package io.rasfleet.schedule;

import io.rasfleet.project.PlanId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order plans are handed out: the longest expected first, so that a long plan does not start
 * last and hold the run open alone. A plan never run before comes first: its length is unknown.
 */
public final class PlanOrder {

    private PlanOrder() {
    }

    public static List<PlanId> order(List<PlanId> plans, Map<PlanId, Duration> expectedRuntime) {
        return plans.stream()
                .sorted(Comparator.comparing((PlanId p) -> expectedRuntime.containsKey(p))
                        .thenComparing(p -> expectedRuntime.getOrDefault(p, Duration.ZERO), Comparator.reverseOrder())
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
