package io.rasfleet.store;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link RunStore} outside the server: each call in its own transaction and persistence context,
 * as the container runs it ({@code @Transactional}, a transaction-scoped entity manager), so that
 * what a caller gets back is detached as it is on the server. Calls from several threads take turns.
 */
public class TransactionalRunStore extends RunStore {

    private final EntityManagerFactory factory;
    private final TransactionalAttemptStore attempts;

    public TransactionalRunStore(EntityManagerFactory factory, String node, Duration lease) {
        super(null, node, lease);
        this.factory = factory;
        this.attempts = new TransactionalAttemptStore(factory, node, lease);
    }

    /** The same server's attempt store, on the same database. */
    public TransactionalAttemptStore attempts() {
        return attempts;
    }

    /** A run of {@code plans} of {@code projectFile} as a start request makes it: STARTING, not recorded yet. */
    public static RunEntity requested(String projectFile, String... plans) {
        RunEntity run = new RunEntity();
        run.setProjectFile(projectFile);
        run.setRequestedPlans(String.join(",", plans));
        run.setWorkers("");
        run.setStatus("STARTING");
        return run;
    }

    /** A STARTED run of {@code plans} of the sample project, as the stage step leaves it, for tests of what reads runs. */
    public static long startedRun(RunStore runs, String... plans) {
        Map<String, String> titles = new java.util.LinkedHashMap<>();
        for (String plan : plans) {
            titles.put(plan, "plan " + plan);
        }
        return startedRun(runs, "/projects/Muncie/Muncie.prj", titles);
    }

    /** A STARTED run of the plans of {@code projectFile} named in {@code titles} (plan to title), as the stage step leaves it. */
    public static long startedRun(RunStore runs, String projectFile, Map<String, String> titles) {
        RunEntity run = new RunEntity();
        run.setProjectFile(projectFile);
        run.setRequestedPlans(String.join(",", titles.keySet()));
        run.setWorkers("");
        run.setMaxAttempts(2);
        run.setTimeoutMinutes(5);
        run.setStatus("STARTED");
        long id = runs.create(run).getId();
        runs.ensurePlans(id, titles);
        return id;
    }

    private synchronized <T> T tx(Supplier<T> call) {
        if (em != null) {
            // one store method calling another: the same transaction, as on the server
            return call.get();
        }
        return Transactions.call(factory, manager -> em = manager, call);
    }

    private void run(Runnable call) {
        tx(() -> {
            call.run();
            return null;
        });
    }

    @Override public RunEntity create(RunEntity run) { return tx(() -> super.create(run)); }
    @Override public Optional<RunEntity> find(long id) { return tx(() -> super.find(id)); }
    @Override public Optional<RunEntity> findWithAttempts(long id) { return tx(() -> super.findWithAttempts(id)); }
    @Override public void job(long runId, long executionId, Long instanceId, String status) {
        run(() -> super.job(runId, executionId, instanceId, status)); }
    @Override public void status(long runId, long executionId, String status, String exitStatus, Instant ended) {
        run(() -> super.status(runId, executionId, status, exitStatus, ended)); }
    @Override public void maxAttempts(long runId, int maxAttempts) { run(() -> super.maxAttempts(runId, maxAttempts)); }
    @Override public void finish(long runId, String status, String exitStatus) { run(() -> super.finish(runId, status, exitStatus)); }
    @Override public void ensurePlans(long runId, Map<String, String> titles) { run(() -> super.ensurePlans(runId, titles)); }
    @Override public PlanRunEntity plan(long runId, String plan) { return tx(() -> super.plan(runId, plan)); }
    @Override public void notePlan(long runId, String plan, String note) { run(() -> super.notePlan(runId, plan, note)); }
    @Override public Optional<String> runningElsewhere(long runId) { return tx(() -> super.runningElsewhere(runId)); }
    @Override public void markPlan(long runId, String plan, PlanRunEntity.State state, String error) {
        run(() -> super.markPlan(runId, plan, state, error)); }
    @Override public Map<String, Duration> expectedRuntimes(String projectFile) { return tx(() -> super.expectedRuntimes(projectFile)); }
    @Override public void expectations(long runId, Map<String, Expectation> byPlan) { run(() -> super.expectations(runId, byPlan)); }
    @Override public Optional<Double> secondsPerModelWork() { return tx(super::secondsPerModelWork); }
    @Override public List<Object[]> succeededExecutions() { return tx(super::succeededExecutions); }
}
