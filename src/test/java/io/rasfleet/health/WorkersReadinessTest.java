package io.rasfleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.testing.WorkerSpecs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class WorkersReadinessTest {

    @Test
    void anUnhealthyWorkerIsReportedAsDataWhileTheCheckStaysUp() {
        HealthCheckResponse answer = WorkersReadiness.report(List.of(
                WorkerSpecs.local("good", "/ras").folder("/w").build(),
                WorkerSpecs.local("sick", "/ras").folder("/w").build(),
                WorkerSpecs.local("off", "/ras").folder("/w").enabled(false).build()), Set.of("sick", "off"));
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("good", "healthy", "sick", "unhealthy", "off", "disabled"), answer.getData().orElseThrow());
    }
}
