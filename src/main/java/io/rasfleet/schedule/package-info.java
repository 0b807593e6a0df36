/**
 * Who runs what, when: {@link io.rasfleet.schedule.SlotPool} hands out worker slots by
 * {@code queue_priority}, then the fastest worker of a tier first ({@link io.rasfleet.schedule.WorkerSpeeds}
 * learned from history), serves plans of higher-priority runs first and takes unhealthy workers out of
 * turn; {@link io.rasfleet.schedule.PlanOrder} orders a run's plans, longest expected first, by
 * {@link io.rasfleet.schedule.RuntimeEstimator} (history, the project's results file, the model's size);
 * {@link io.rasfleet.schedule.ListSchedule} works such schedules out on paper for tests and the benchmark.
 */
package io.rasfleet.schedule;
