/**
 * What rasfleet remembers, with JPA on the {@code RasfleetDS} datasource (H2 file or PostgreSQL,
 * shared with JBeret's job repository): runs, one plan run per plan of a run, one attempt per try
 * (worker, host, outcome, reason, pid while it runs, its {@link io.rasfleet.store.OwnerToken}),
 * and the configured workers. {@link io.rasfleet.store.RunStore} writes runs and plans, each fact
 * in its own transaction, and run status as single-column updates, because the API and the batch
 * job write them concurrently. {@link io.rasfleet.store.AttemptStore} is the write side of an
 * attempt's life that its owner ({@code batch.PlanAttempt}) asks for: the start, which counts the
 * attempt and raises the plan's lease epoch, then only writes conditional on the owner token
 * (progress, queue reason, process, lease, end), which touch no row once a peer has taken over.
 * {@link io.rasfleet.store.RunReads} is what the API reads; {@link io.rasfleet.store.PlanClaims} decides,
 * in the database all servers share, which run writes each project plan's results.
 */
package io.rasfleet.store;
