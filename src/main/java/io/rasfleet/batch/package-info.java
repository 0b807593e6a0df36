/**
 * The JBeret side of a run. {@code batch-jobs/ras-run.xml} wires: {@link io.rasfleet.batch.StageBatchlet}
 * (check, record, snapshot, slots through {@link io.rasfleet.batch.RunCoordinator}),
 * {@link io.rasfleet.batch.PlanPartitionMapper} (one partition per unfinished plan),
 * {@link io.rasfleet.batch.ExecutePlanBatchlet} (a plan to its end through {@link io.rasfleet.batch.PlanRunner}),
 * {@link io.rasfleet.batch.CollectBatchlet} (report and final state), and
 * {@link io.rasfleet.batch.RunEndListener} (however the execution ends, its
 * {@link io.rasfleet.batch.RunContext} is closed: plans ended, workers cleaned).
 *
 * <p>A plan's life: {@link io.rasfleet.batch.PlanRunner} takes a slot and runs a
 * {@link io.rasfleet.batch.PlanAttempt} while the store says the plan is PENDING;
 * {@code PlanAttempt} is the one owner of an attempt (start and count it in the store, take over a
 * dead server's, preprocess, run it on the worker, have {@link io.rasfleet.worker.PlanVerification}
 * judge what the worker fetched and bring it home, end it in the store, which decides the plan's
 * state). Everything recorded goes through {@code store}, one transaction per fact: the database is
 * the one truth for attempt counts and states, so a restart knows which plans are done and how many
 * attempts each has had.
 */
package io.rasfleet.batch;
