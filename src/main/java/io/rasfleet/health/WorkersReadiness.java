package io.rasfleet.health;

import io.rasfleet.schedule.ServerSlots;
import io.rasfleet.schedule.SlotPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each worker's health from the server's slot pool (memory, no database query): "healthy" or "unhealthy".
 * Always UP: an unhealthy worker gets no plans until its check passes, the server stays ready.
 */
@Readiness
@ApplicationScoped
public class WorkersReadiness implements HealthCheck {

    @Inject
    ServerSlots slots;

    @Override
    public HealthCheckResponse call() {
        return report(slots.pool());
    }

    static HealthCheckResponse report(SlotPool pool) {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("rasfleet-workers").up();
        for (String worker : pool.workerNames()) {
            answer.withData(worker, pool.unhealthy().contains(worker) ? "unhealthy" : "healthy");
        }
        return answer.build();
    }
}
