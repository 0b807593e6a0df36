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
     * Starts an attempt: the plan is RUNNING on this worker from now, under this server's lease. The
     * plan's row is locked while this is decided: if another server's attempt on it is RUNNING
     * under a lease that has not expired, nothing is started ({@link PlanLeasedException}); one
     * whose lease has expired is marked lost and returned, so that the caller can end its process.
     */
    public StartedAttempt startAttempt(long runId, String plan, String worker, String host) {
        PlanRunEntity p = em.find(PlanRunEntity.class, plan(runId, plan).getId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        List<RunningAttempt> takenOver = new java.util.ArrayList<>();
        for (AttemptEntity other : p.getAttemptRecords()) {
            if (!"RUNNING".equals(other.getOutcome())) {
                continue;
            }
            if (!node.equals(other.getNode()) && other.getLeaseUntil() != null && other.getLeaseUntil().isAfter(now)) {
                throw new PlanLeasedException("plan " + plan + " of run " + runId + " is running on server " + other.getNode()
                        + " (attempt " + other.getNumber() + ", its lease runs until " + other.getLeaseUntil() + ")");
            }
            String reason = "lost: server " + other.getNode() + " stopped vouching for attempt " + other.getNumber()
                    + (other.getLeaseUntil() == null ? "" : " (its lease ended " + other.getLeaseUntil() + ")")
                    + "; taken over by server " + node;
            takenOver.add(new RunningAttempt(other.getId(), runId, plan, other.getNumber(), other.getWorker(), other.getNode(),
                    other.getPid(), other.getProcessStart()));
            other.setOutcome("LOST");
            other.setReason(reason);
            other.setEndedAt(now);
        }
        p.setState(PlanRunEntity.State.RUNNING);
        p.setWorker(worker);
        p.setAttempts(p.getAttempts() + 1);
        p.setProgress(0.0);
        p.setQueued(null);
        p.setError(null);
        if (p.getStartedAt() == null) {
            p.setStartedAt(Instant.now());
        }
        AttemptEntity a = new AttemptEntity();
        a.setPlanRun(p);
        a.setNumber(p.getAttempts());
        a.setWorker(worker);
        a.setHost(host);
        a.setOutcome("RUNNING");
        a.setNode(node);
        a.setStartedAt(now);
        a.setLeaseUntil(now.plus(lease));
        p.setNote(null);
        p.getAttemptRecords().add(a);
        em.persist(a);
        em.flush();
        return new StartedAttempt(a.getId(), a.getNumber(), takenOver);
    }

    /** A new attempt's id and number (the plan's count of attempts, the only count), and the dead servers' attempts it took over. */
    public record StartedAttempt(long id, int number, List<RunningAttempt> takenOver) {
    }

    /**
     * Why this server left a plan without an attempt (another server's lease on it runs): kept on
     * the plan for its page and the run report; the plan's state stays the other server's.
     */
    public void notePlan(long runId, String plan, String note) {
        plan(runId, plan).setNote(clip(note, 1000));
    }

    /** Renews this server's lease on every attempt it runs; returns how many. */
    public int renewLeases() {
        return em.createQuery("update AttemptEntity a set a.leaseUntil = :until where a.outcome = 'RUNNING' and a.node = :node")
                .setParameter("until", Instant.now().plus(lease)).setParameter("node", node).executeUpdate();
    }

    /** Why the run may not be restarted here: another server runs some of its plans under a live lease. */
    public Optional<String> runningElsewhere(long runId) {
        List<AttemptEntity> live = em.createQuery("select a from AttemptEntity a where a.planRun.run.id = :run"
                + " and a.outcome = 'RUNNING' and a.node <> :node and a.leaseUntil > :now", AttemptEntity.class)
                .setParameter("run", runId).setParameter("node", node).setParameter("now", Instant.now()).getResultList();
        return live.stream().findFirst().map(a -> "plan " + a.getPlanRun().getPlan() + " of run " + runId + " is running on server "
                + a.getNode() + " (its lease runs until " + a.getLeaseUntil() + "); " + live.size() + " plan(s) in all");
    }

    public void attemptProcess(long attemptId, long pid, Instant processStart) {
        AttemptEntity a = em.find(AttemptEntity.class, attemptId);
        a.setPid(pid);
        a.setProcessStart(processStart);
    }

    /** Why the running plan waits in its worker's own queue, or null once it computes (see {@link PlanRunEntity#getQueued()}). */
    public void queued(long runId, String plan, String reason) {
        em.createQuery("update PlanRunEntity p set p.queued = :q where p.run.id = :run and p.plan = :plan")
                .setParameter("q", clip(reason, 200)).setParameter("run", runId).setParameter("plan", plan).executeUpdate();
    }

    public void progress(long runId, String plan, double fraction) {
        em.createQuery("update PlanRunEntity p set p.progress = :f where p.run.id = :run and p.plan = :plan")
                .setParameter("f", fraction).setParameter("run", runId).setParameter("plan", plan).executeUpdate();
    }

    /**
     * Ends an attempt and, through it, sets where the plan stands, from the plan's count of attempts:
     * after a failure worth another worker ({@code retryable}) the plan is PENDING while fewer than
     * {@code maxAttempts} attempts were made, across restarts, and FAILED after the last one.
     * Returns the plan's new state.
     */
    public PlanRunEntity.State endAttempt(long attemptId, AttemptRecord record, int maxAttempts, String hdfPath) {
        AttemptEntity a = em.find(AttemptEntity.class, attemptId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        PlanRunEntity.State planState = switch (record.end()) {
            case SUCCEEDED -> PlanRunEntity.State.SUCCEEDED;
            case STOPPED -> PlanRunEntity.State.STOPPED;
            case RETRYABLE -> a.getPlanRun().getAttempts() < maxAttempts ? PlanRunEntity.State.PENDING : PlanRunEntity.State.FAILED;
            case FINAL -> PlanRunEntity.State.FAILED;
        };
        a.setOutcome(record.outcome());
        a.setVerdict(record.verdict());
        a.setReason(clip(record.reason(), 4000));
        a.setHost(record.host() == null ? a.getHost() : record.host());
        a.setExitCode(record.exitCode());
        a.setMessages(record.messages());
        a.setEndedAt(Instant.now());
        PlanRunEntity p = a.getPlanRun();
        p.setState(planState);
        p.setQueued(null);
        p.setVerdict(record.verdict());
        p.setError(planState == PlanRunEntity.State.SUCCEEDED ? null : clip(record.reason(), 4000));
        if (planState != PlanRunEntity.State.RUNNING && planState != PlanRunEntity.State.PENDING) {
            p.setEndedAt(Instant.now());
            p.setExecutionSeconds(record.seconds());
        }
        if (hdfPath != null) {
            p.setHdfPath(hdfPath);
            p.setProgress(1.0);
        }
        return planState;
    }

    /**
     * Whether a plan may have another attempt: fewer than {@code maxAttempts} were made, counted
     * across every execution of the run. Otherwise the plan is FAILED saying so, and false is returned.
     */
    public boolean attemptsLeft(long runId, String plan, int maxAttempts) {
        PlanRunEntity p = plan(runId, plan);
        if (p.getAttempts() < maxAttempts) {
            return true;
        }
        String last = p.getAttemptRecords().isEmpty() ? null : p.getAttemptRecords().get(p.getAttemptRecords().size() - 1).getReason();
        p.setState(PlanRunEntity.State.FAILED);
        p.setError(clip("all " + maxAttempts + " attempts of this plan were used, counted across restarts"
                + (last == null ? "" : "; the last: " + last), 4000));
        if (p.getEndedAt() == null) {
            p.setEndedAt(Instant.now());
        }
        return false;
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

    /** Attempts this server recorded as running: after a restart, what its previous life left behind. */
    public List<RunningAttempt> runningAttempts() {
        return em.createQuery("select new io.rasfleet.store.RunStore$RunningAttempt(a.id, r.id, p.plan, a.number, a.worker,"
                + " a.node, a.pid, a.processStart) from AttemptEntity a join a.planRun p join p.run r"
                + " where a.outcome = 'RUNNING' and a.node = :node", RunningAttempt.class)
                .setParameter("node", node).getResultList();
    }

    /** An attempt recorded as running, with what is needed to find its process again, and the server that ran it. */
    public record RunningAttempt(Long id, Long runId, String plan, Integer number, String worker, String node, Long pid,
            Instant processStart) {
    }

    /** An attempt whose server died: LOST with the reason, and its plan back to PENDING so that a restart runs it. */
    public void markLost(long attemptId, String reason) {
        AttemptEntity a = em.find(AttemptEntity.class, attemptId);
        a.setOutcome("LOST");
        a.setReason(reason);
        a.setEndedAt(Instant.now());
        PlanRunEntity p = a.getPlanRun();
        if (p.getState() == PlanRunEntity.State.RUNNING) {
            p.setState(PlanRunEntity.State.PENDING);
            p.setError(reason);
            p.setProgress(null);
            p.setQueued(null);
        }
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

    /**
     * An attempt's end as the store keeps it; {@code end} says what it means for the plan (the store
     * decides, from its count of attempts, whether a retryable end leaves the plan PENDING or FAILED).
     */
    public record AttemptRecord(String outcome, End end, String verdict, String reason, String host, Integer exitCode,
            String messages, Double seconds) {
    }

    /** What an attempt's end means for its plan. */
    public enum End { SUCCEEDED, STOPPED, RETRYABLE, FINAL }
}
