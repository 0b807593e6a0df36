package io.rasfleet.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreFitTest {

    private static WorkerSpec worker(String name, int cores, int perPlan) {
        return WorkerSpecs.local(name, "/ras").folder("/w").cores(cores, perPlan).build();
    }

    /** Expected values by ras-commander's rule, min(cores_total // cores_per_plan, cores_total // num_cores), worked out by hand. */
    @Test
    void aRunsNumCoresLimitsAWorkersSlotsAsRasCommanderCounts() {
        assertEquals(1, CoreFit.slots(worker("w", 4, 1), 4), "min(4 // 1, 4 // 4) = 1, not 4 slots of 4 cores on 4 cores");
        assertEquals(4, CoreFit.slots(worker("w", 4, 1), null), "no numCores: the worker's own 4 slots");
        assertEquals(4, CoreFit.slots(worker("w", 4, 1), 0), "numCores 0 is the worker's own cores_per_plan");
        assertEquals(2, CoreFit.slots(worker("w", 8, 4), 1), "min(8 // 4, 8 // 1) = 2: numCores below cores_per_plan adds no slot");
        assertEquals(2, CoreFit.slots(worker("w", 8, 2), 3), "min(8 // 2, 8 // 3) = min(4, 2) = 2");
        assertEquals(0, CoreFit.slots(worker("w", 4, 2), 6), "6 cores do not fit in 4");
    }

    @Test
    void aRunNoWorkerCanHoldIsRefusedNamingNumCoresAndTheLargestThatFits() {
        List<WorkerSpec> workers = List.of(worker("small", 4, 2), worker("big", 12, 4));
        assertEquals(Optional.of("numCores 16 fits no worker of the run: the largest that fits is 12 (cores_total of worker big)"),
                CoreFit.refusal(16, workers));
        assertEquals(Optional.empty(), CoreFit.refusal(12, workers));
        assertEquals(Optional.empty(), CoreFit.refusal(null, workers));
    }
}
