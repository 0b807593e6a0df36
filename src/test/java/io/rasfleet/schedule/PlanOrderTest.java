package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.project.PlanId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanOrderTest {

    @Test
    void unknownPlansFirstThenLongestExpectedFirst() {
        PlanId p1 = new PlanId(1);
        PlanId p2 = new PlanId(2);
        PlanId p3 = new PlanId(3);
        PlanId p4 = new PlanId(4);
        List<PlanId> order = PlanOrder.order(List.of(p1, p2, p3, p4),
                Map.of(p1, Duration.ofMinutes(5), p2, Duration.ofHours(2), p4, Duration.ofMinutes(30)));
        assertEquals(List.of(p3, p2, p4, p1), order);
    }
}
