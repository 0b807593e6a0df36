/**
 * The JBeret side of a run, kept thin. {@code batch-jobs/ras-run.xml} wires: {@link io.rasfleet.batch.StageBatchlet}
 * (check, record, snapshot, slots through {@link io.rasfleet.batch.RunCoordinator}),
 * {@link io.rasfleet.batch.PlanPartitionMapper} (one partition per unfinished plan),
 * {@link io.rasfleet.batch.ExecutePlanBatchlet} (a plan to its end through {@link io.rasfleet.batch.PlanRunner}),
 * {@link io.rasfleet.batch.CollectBatchlet} (report and final state). Everything they record goes
 * through {@code store}, one transaction per fact, so a restart knows which plans are done.
 */
package io.rasfleet.batch;
