/**
 * Who runs what, when: {@link io.rasfleet.schedule.SlotPool} hands out worker slots by
 * {@code queue_priority} and takes unhealthy workers out of turn; {@link io.rasfleet.schedule.PlanOrder}
 * orders a run's plans, longest expected first.
 */
package io.rasfleet.schedule;
