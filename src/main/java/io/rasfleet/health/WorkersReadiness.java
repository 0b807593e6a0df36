package io.rasfleet.health;

import io.rasfleet.schedule.ServerSlots;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.WorkerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each configured worker's health as data: "healthy", "unhealthy" (its last plan lost the machine or
 * its check failed: it gets no plans until a check passes) or "disabled". Always UP: a sick worker
 * costs its slots, not the server's readiness ({@link DatabaseReadiness} speaks for the database).
 */
@Readiness
@ApplicationScoped
public class WorkersReadiness implements HealthCheck {

    @Inject
    WorkerStore workers;

    @Inject
    ServerSlots slots;

    @Override
    public HealthCheckResponse call() {
        List<WorkerSpec> configured;
        try {
            configured = workers.list();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP,
                    Optional.of(Map.of("workers", "unknown: the database did not answer")));
        }
        return report(configured, slots.pool().unhealthy());
    }

    static final String NAME = "rasfleet-workers";

    static HealthCheckResponse report(Collection<WorkerSpec> configured, Set<String> unhealthy) {
        Map<String, Object> health = new LinkedHashMap<>();
        for (WorkerSpec worker : configured) {
            health.put(worker.name(), !worker.enabled() ? "disabled" : unhealthy.contains(worker.name()) ? "unhealthy" : "healthy");
        }
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(health));
    }
}
