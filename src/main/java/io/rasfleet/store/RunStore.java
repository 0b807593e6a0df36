package io.rasfleet.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs, their plans and attempts. Each method is its own transaction: a batch partition records
 * what happened as it happens, so that a crash loses at most the step under way.
 */
@ApplicationScoped
@Transactional
public class RunStore {

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    /** This server's name among servers sharing a database (servers on one machine need their own {@code jboss.node.name}). */
    private final String node;

    /**
     * How long a running attempt stays this server's without a renewal: servers sharing a database
     * leave a plan alone while another one's lease on it runs, and take it over once it has expired.
     */
    private final Duration lease;

    public RunStore() {
        this(null, io.rasfleet.config.ServerConfig.serverName(), io.rasfleet.config.ServerConfig.lease());
    }

    /** A store outside the container (tests): the caller runs each call in a transaction. */
    public RunStore(EntityManager em, String node, Duration lease) {
        this.em = em;
        this.node = node;
        this.lease = lease;
    }

    /** This server's name among servers sharing the database. */
    public String node() {
        return node;
    }

    public Duration lease() {
        return lease;
    }

    public RunEntity create(RunEntity run) {
        run.setCreatedAt(Instant.now());
        em.persist(run);
        return run;
    }

    /** A run with its plans, read in this store's transaction (the batch job's reads; the API's go through {@link RunReads}). */
    public Optional<RunEntity> find(long id) {
        return new RunReads(em).find(id);
    }

    /** A run with every plan's attempts loaded, for its report. */
    public Optional<RunEntity> findWithAttempts(long id) {
        return new RunReads(em).findWithAttempts(id);
    }

    /** Records the run's current job execution and its status (the API on start, the stage step on every start). */
    public void job(long runId, long executionId, Long instanceId, String status) {
        em.createQuery("update RunEntity r set r.jobExecutionId = :execution, r.status = :status, r.endedAt = null"
                + " where r.id = :id")
                .setParameter("execution", executionId).setParameter("status", status).setParameter("id", runId)
                .executeUpdate();
        if (instanceId != null) {
            em.createQuery("update RunEntity r set r.jobInstanceId = :instance where r.id = :id")
                    .setParameter("instance", instanceId).setParameter("id", runId).executeUpdate();
        }
    }

    /**
     * The status JBeret reports for an execution, recorded only while that execution is still the
     * run's latest: a restart may have begun since it was read.
     */
    public void status(long runId, long executionId, String status, String exitStatus, Instant ended) {
        em.createQuery("update RunEntity r set r.status = :status, r.endedAt = :ended"
                + " where r.id = :id and r.jobExecutionId = :execution")
                .setParameter("status", status).setParameter("ended", ended).setParameter("id", runId)
                .setParameter("execution", executionId).executeUpdate();
        if (exitStatus != null) {
            em.createQuery("update RunEntity r set r.exitStatus = :exit where r.id = :id and r.jobExecutionId = :execution")
                    .setParameter("exit", exitStatus).setParameter("id", runId).setParameter("execution", executionId)
                    .executeUpdate();
        }
    }

    public void finish(long runId, String status, String exitStatus) {
        em.createQuery("update RunEntity r set r.status = :status, r.exitStatus = :exit, r.endedAt = :ended where r.id = :id")
                .setParameter("status", status).setParameter("exit", exitStatus).setParameter("ended", Instant.now())
                .setParameter("id", runId).executeUpdate();
    }

    /** Raises how many attempts each plan of the run may have in all (a restart gives plans that used theirs another go). */
    public void maxAttempts(long runId, int maxAttempts) {
        em.createQuery("update RunEntity r set r.maxAttempts = :max where r.id = :id")
                .setParameter("max", maxAttempts).setParameter("id", runId).executeUpdate();
    }

    /** Adds the plans a run does not have yet; staging twice changes nothing. */
    public void ensurePlans(long runId, Map<String, String> titles) {
        RunEntity run = find(runId).orElseThrow();
        for (Map.Entry<String, String> plan : titles.entrySet()) {
            if (run.getPlans().stream().noneMatch(p -> p.getPlan().equals(plan.getKey()))) {
                PlanRunEntity p = new PlanRunEntity();
                p.setRun(run);
                p.setPlan(plan.getKey());
                p.setTitle(plan.getValue());
                run.getPlans().add(p);
                em.persist(p);
            }
        }
    }

    public PlanRunEntity plan(long runId, String plan) {
        return em.createQuery("select p from PlanRunEntity p where p.run.id = :run and p.plan = :plan", PlanRunEntity.class)
                .setParameter("run", runId).setParameter("plan", plan).getSingleResult();
    }

    /**
     * Why this server left a plan without an attempt (another server's lease on it runs): kept on
     * the plan for its page and the run report; the plan's state stays the other server's.
     */
    public void notePlan(long runId, String plan, String note) {
        plan(runId, plan).setNote(clip(note, 1000));
    }

    /** Why the run may not be restarted here: another server runs some of its plans under a live lease. */
    public Optional<String> runningElsewhere(long runId) {
        List<AttemptEntity> live = em.createQuery("select a from AttemptEntity a where a.planRun.run.id = :run"
                + " and a.outcome = 'RUNNING' and a.node <> :node and a.leaseUntil > :now", AttemptEntity.class)
                .setParameter("run", runId).setParameter("node", node).setParameter("now", Instant.now()).getResultList();
        return live.stream().findFirst().map(a -> "plan " + a.getPlanRun().getPlan() + " of run " + runId + " is running on server "
                + a.getNode() + " (its lease runs until " + a.getLeaseUntil() + "); " + live.size() + " plan(s) in all");
    }

    /** A plan not run because its results are current: SKIPPED with the reason and the result it keeps. */
    public void skipPlan(long runId, String plan, String reason, String hdfPath) {
        PlanRunEntity p = plan(runId, plan);
        p.setState(PlanRunEntity.State.SKIPPED);
        p.setNote(reason);
        p.setHdfPath(hdfPath);
        p.setEndedAt(Instant.now());
    }

    /** Sets a plan's state without an attempt (no worker could take it, or it was stopped before it began). */
    public void markPlan(long runId, String plan, PlanRunEntity.State state, String error) {
        PlanRunEntity p = plan(runId, plan);
        p.setState(state);
        p.setError(error);
        p.setEndedAt(Instant.now());
    }

    /** What a plan of this project took when it last succeeded, to start long plans first. */
    public Map<String, Duration> expectedRuntimes(String projectFile) {
        Map<String, Duration> expected = new HashMap<>();
        List<Object[]> rows = em.createQuery("select p.plan, avg(p.executionSeconds) from PlanRunEntity p"
                + " where p.run.projectFile = :project and p.state = 'SUCCEEDED' and p.executionSeconds is not null"
                + " group by p.plan", Object[].class).setParameter("project", projectFile).getResultList();
        for (Object[] row : rows) {
            expected.put((String) row[0], Duration.ofMillis((long) (((Number) row[1]).doubleValue() * 1000)));
        }
        return expected;
    }

    /** Records each plan's expected run time, its source and its model size, as the stage step worked them out. */
    public void expectations(long runId, Map<String, Expectation> byPlan) {
        for (PlanRunEntity p : find(runId).orElseThrow().getPlans()) {
            Expectation e = byPlan.get(p.getPlan());
            if (e != null) {
                p.setExpectedSeconds(e.seconds());
                p.setExpectedSource(e.source());
                p.setModelWork(e.modelWork());
            }
        }
    }

    /** A plan's expected seconds and their source (both null when unknown), and its model size (null when unread). */
    public record Expectation(Double seconds, String source, Double modelWork) {
    }

    /** Seconds per unit of model size over every plan this server ran to success with a known size; empty before any. */
    public Optional<Double> secondsPerModelWork() {
        Object[] row = em.createQuery("select sum(p.executionSeconds), sum(p.modelWork) from PlanRunEntity p"
                + " where p.state = 'SUCCEEDED' and p.executionSeconds is not null and p.modelWork > 0", Object[].class)
                .getSingleResult();
        if (row[0] == null || row[1] == null || ((Number) row[1]).doubleValue() <= 0) {
            return Optional.empty();
        }
        return Optional.of(((Number) row[0]).doubleValue() / ((Number) row[1]).doubleValue());
    }

    /** Each succeeded plan's execution on its worker, keyed by project and plan, for the workers' speeds. */
    public List<Object[]> succeededExecutions() {
        return em.createQuery("select concat(p.run.projectFile, '#', p.plan), p.worker, p.executionSeconds from PlanRunEntity p"
                + " where p.state = 'SUCCEEDED' and p.executionSeconds is not null and p.worker is not null", Object[].class)
                .setMaxResults(10_000).getResultList();
    }

    /** {@code text} cut to the column's length, saying so: a long reason must not lose the whole record. */
    static String clip(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        String more = " [... cut]";
        return text.substring(0, length - more.length()) + more;
    }
}
