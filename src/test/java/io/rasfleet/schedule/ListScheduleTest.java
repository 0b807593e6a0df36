package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order {@link PlanOrder} gives, worked out as a list schedule of known durations (no clocks). */
class ListScheduleTest {

    /** The workload: 24 plans of 1 to 16 units, in plan-number order as a user lists them. */
    private static final List<Double> WORK = List.of(2.0, 16.0, 1.0, 3.0, 5.0, 12.0, 1.0, 2.0, 8.0, 4.0, 1.0, 6.0,
            10.0, 2.0, 3.0, 14.0, 1.0, 4.0, 7.0, 2.0, 9.0, 1.0, 3.0, 11.0);

    @Test
    void aSimpleScheduleHasTheMakespanWorkedOutByHand() {
        assertEquals(6.0, ListSchedule.makespan(List.of(3.0, 2.0, 2.0, 3.0), 2), 1e-9, "3|2, then 2 joins the 2, then 3 the 3");
        assertEquals(5.0, ListSchedule.lowerBound(List.of(3.0, 2.0, 2.0, 3.0), 2), 1e-9);
        assertEquals(5.0, ListSchedule.makespan(List.of(1.0, 1.0, 1.0, 1.0, 3.0), 2), 1e-9, "the long plan last holds the run open");
        assertEquals(3.5, ListSchedule.lowerBound(List.of(1.0, 1.0, 1.0, 1.0, 3.0), 2), 1e-9);
    }

    @Test
    void orderingByExpectedRunTimeMeetsTheFirstRunGoalWhereFifoDoesNot() {
        Map<PlanId, Duration> expected = new LinkedHashMap<>();
        List<PlanId> plans = new ArrayList<>();
        for (int i = 0; i < WORK.size(); i++) {
            PlanId id = new PlanId(i + 1);
            plans.add(id);
            expected.put(id, Duration.ofMillis(Math.round(WORK.get(i) * 1000)));
        }
        List<Double> ordered = PlanOrder.order(plans, expected).stream().map(p -> WORK.get(p.number() - 1)).toList();
        int slots = 8;
        double bound = ListSchedule.lowerBound(WORK, slots);
        double fifo = ListSchedule.makespan(WORK, slots) / bound;
        double longestFirst = ListSchedule.makespan(ordered, slots) / bound;
        assertTrue(fifo > 1.15, "FIFO " + fifo);
        assertTrue(longestFirst <= 1.15, "longest expected first " + longestFirst);
        assertTrue(longestFirst < fifo);
    }
}
