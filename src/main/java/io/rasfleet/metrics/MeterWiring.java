package io.rasfleet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.rasfleet.schedule.ServerSlots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The server's one {@link FleetMeters}, on WildFly's Micrometer registry and the server's slot pool. */
@ApplicationScoped
public class MeterWiring {

    @Inject
    MeterRegistry registry;

    @Inject
    ServerSlots slots;

    @Produces
    @Singleton
    FleetMeters meters() {
        FleetMeters meters = new FleetMeters(registry);
        meters.watch(slots.pool());
        return meters;
    }
}
