package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSpeedsTest {

    @Test
    void aWorkerThatTookTwiceAsLongForTheSamePlansHasTwiceTheTimeFactor() {
        Map<String, Double> f = WorkerSpeeds.timeFactors(List.of(
                new WorkerSpeeds.Execution("a#01", "slow", 20), new WorkerSpeeds.Execution("a#01", "fast", 10),
                new WorkerSpeeds.Execution("a#02", "slow", 200), new WorkerSpeeds.Execution("a#02", "fast", 100),
                new WorkerSpeeds.Execution("b#01", "only-here", 50)));
        assertEquals(2.0, f.get("slow") / f.get("fast"), 1e-9);
        assertEquals(4.0 / 3, f.get("slow"), 1e-9);
        assertFalse(f.containsKey("only-here"), "a plan run on one worker compares no workers");
    }
}
