/**
 * rasfleet's Micrometer meters. {@link FleetMeters} is told of each event by the one place it happens
 * (an attempt by {@code batch.PlanAttempt}, a snapshot staged on a worker by {@code batch.RunContext})
 * and reads slots and waiting plans from the server's {@link io.rasfleet.schedule.SlotPool} in memory
 * at each scrape. {@link MeterWiring} hands it WildFly's registry, which the micrometer subsystem
 * publishes for Prometheus at {@code :9990/metrics}. Imports {@code schedule} only.
 */
package io.rasfleet.metrics;
