/**
 * The JBeret side of a run. {@code batch-jobs/ras-run.xml} wires: {@link io.rasfleet.batch.StageBatchlet}
 * (check, record, snapshot, slots through {@link io.rasfleet.batch.RunCoordinator}),
 * {@link io.rasfleet.batch.PlanPartitionMapper} (one partition per unfinished plan),
 * {@link io.rasfleet.batch.ExecutePlanBatchlet} (a plan to its end through {@link io.rasfleet.batch.PlanRunner}),
 * {@link io.rasfleet.batch.CollectBatchlet} (report and final state), and
 * {@link io.rasfleet.batch.RunEndListener} (however the execution ends, its
 * {@link io.rasfleet.batch.RunContext} is closed: plans ended, workers cleaned).
 *
 * <p>A plan's life: {@link io.rasfleet.batch.PlanRunner} waits for a slot (a stop of the run wakes
 * it at once through {@link io.rasfleet.schedule.SlotPool#wakeWaiting}: no slot, no attempt, nothing
 * launched) and runs a {@link io.rasfleet.batch.PlanAttempt} while the store says the plan is
 * PENDING. {@code PlanAttempt} is the one owner of an attempt, and reads top down: started (the store
 * counts it and hands out its {@link io.rasfleet.store.OwnerToken}, server and lease epoch; a dead
 * server's attempt is taken over and ended), staged, computing, judged by
 * {@link io.rasfleet.worker.PlanVerification}, delivered (the rename only while the token holds),
 * ended (the store records it only while the token holds, and decides the plan's state; an attempt
 * a stop ended counts against no {@code maxAttempts}). Whatever is thrown, the attempt ends recorded.
 *
 * <p>Fencing: every write after the start is conditional on the token; one that matches no row
 * fences the attempt (it stops, delivers nothing, writes nothing more). {@link io.rasfleet.batch.LiveAttempts}
 * holds the attempts a thread of this server owns now; {@link io.rasfleet.batch.LeaseKeeper} renews
 * their leases (and no others) every eighth of the lease, and fences them all when no renewal has
 * succeeded for half the lease, before a peer may take them over (only once the lease has run out).
 * Their progress goes to the store through one {@link io.rasfleet.batch.ProgressBook} (one writer,
 * many plans a transaction; a write that finds the plan no longer the token's fences the attempt).
 * The same live attempts are what the start-up clean-up of workers spares ({@code RunCoordinator}
 * produces the predicate that {@code api.StartupSetup} hands to {@link io.rasfleet.worker.Worker#endAbandoned}).
 *
 * <p>Adoption: attempts this server's previous life left RUNNING (it died: kill -9, a crash) are
 * taken back at start-up under a new epoch ({@link io.rasfleet.batch.RunCoordinator#hold}) and held
 * live in {@link io.rasfleet.batch.HeldAttempts} until their run, restarted by the start-up, stages
 * again: the stage reserves each one a slot on its worker, and the plan's {@code PlanRunner} first
 * has {@link io.rasfleet.batch.PlanAttempt#adopt} follow the work where it computes
 * ({@link io.rasfleet.worker.WorkerSession#adopt}) instead of starting an attempt; work that is gone
 * ends the attempt lost and the plan goes on as usual.
 * Everything recorded goes through {@code store}, one transaction per fact: the database is the one
 * truth for attempt counts, states and owners.
 */
package io.rasfleet.batch;
