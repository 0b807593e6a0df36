package io.rasfleet.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API reads about runs: a run, a run as its page shows it, pages of the run list, the
 * runs still going, a plan's compute messages, each plan's last result in a project. Reads only; {@link RunStore} writes.
 */
@ApplicationScoped
@Transactional
public class RunReads {

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    public RunReads() {
    }

    /** Reads outside the container (tests, and {@link RunStore} reading in its own transaction). */
    public RunReads(EntityManager em) {
        this.em = em;
    }

    public Optional<RunEntity> find(long id) {
        List<RunEntity> found = em.createQuery(
                "select distinct r from RunEntity r left join fetch r.plans where r.id = :id", RunEntity.class)
                .setParameter("id", id).getResultList();
        return found.stream().findFirst();
    }

    /** A run with every plan's attempts loaded, for its report and results table. */
    public Optional<RunEntity> findWithAttempts(long id) {
        Optional<RunEntity> run = find(id);
        run.ifPresent(r -> r.getPlans().forEach(p -> p.getAttemptRecords().size()));
        return run;
    }

    /**
     * A run with its plans and each plan's attempts as the API shows them, in two statements
     * whatever the number of plans: the run with its plans, then every attempt's shown columns.
     */
    public Optional<RunForView> findForView(long id) {
        return find(id).map(run -> new RunForView(run, attemptSummaries(id)));
    }

    /** Each plan's attempts of a run, in order, without their messages. */
    public Map<String, List<AttemptEntity.Summary>> attemptSummaries(long runId) {
        List<AttemptEntity.Summary> rows = em.createQuery("select new io.rasfleet.store.AttemptEntity$Summary(p.plan, a.number,"
                + " a.worker, a.host, a.outcome, a.verdict, a.reason, a.exitCode, a.startedAt, a.endedAt)"
                + " from AttemptEntity a join a.planRun p where p.run.id = :run order by p.plan, a.number",
                AttemptEntity.Summary.class).setParameter("run", runId).getResultList();
        Map<String, List<AttemptEntity.Summary>> byPlan = new HashMap<>();
        for (AttemptEntity.Summary row : rows) {
            byPlan.computeIfAbsent(row.plan(), k -> new ArrayList<>()).add(row);
        }
        return byPlan;
    }

    /** A run and its plans' attempts ({@link #findForView}). */
    public record RunForView(RunEntity run, Map<String, List<AttemptEntity.Summary>> attempts) {

        public List<AttemptEntity.Summary> attempts(String plan) {
            return attempts.getOrDefault(plan, List.of());
        }
    }

    /**
     * A page of the run list, newest first: at most {@code limit} runs older than run {@code before}
     * (null: from the newest), with their plans. A keyset read on the primary key, so a page of
     * 5,000 runs costs what a page of 5 does; {@link RunPage#older} says whether older runs remain.
     */
    public RunPage page(int limit, Long before) {
        List<Long> ids = em.createQuery("select r.id from RunEntity r where r.id < :before order by r.id desc", Long.class)
                .setParameter("before", before == null ? Long.MAX_VALUE : before).setMaxResults(limit + 1).getResultList();
        boolean older = ids.size() > limit;
        List<Long> shown = older ? ids.subList(0, limit) : ids;
        List<RunEntity> runs = shown.isEmpty() ? List.of() : em.createQuery("select distinct r from RunEntity r"
                + " left join fetch r.plans where r.id in :ids order by r.id desc", RunEntity.class)
                .setParameter("ids", shown).getResultList();
        long total = em.createQuery("select count(r) from RunEntity r", Long.class).getSingleResult();
        return new RunPage(runs, total, older);
    }

    /** A page of the run list: its runs, how many runs there are in all, and whether older ones remain. */
    public record RunPage(List<RunEntity> runs, long total, boolean older) {
    }

    /** Runs whose last known status is still going (the workers page's slot holders, the overlap check's suspects). */
    public List<RunEntity> active() {
        return em.createQuery("select distinct r from RunEntity r left join fetch r.plans"
                + " where r.status in ('STARTING', 'STARTED', 'STOPPING')", RunEntity.class).getResultList();
    }

    /**
     * Each plan's last result in runs of this project: the latest plan run that ended succeeded or
     * failed (a stopped, skipped or unfinished plan made no result), the later run on equal times.
     */
    public Map<String, LastResult> lastResults(String projectFile) {
        // two scans of the project's plan rows, whatever the number of runs: each plan's latest end,
        // then the rows that ended at one of those times (a correlated max per row would scan per row)
        Map<String, java.time.Instant> latest = new HashMap<>();
        for (Object[] row : em.createQuery("select p.plan, max(p.endedAt) from PlanRunEntity p where p.run.projectFile = :project"
                + " and p.state in ('SUCCEEDED', 'FAILED') group by p.plan", Object[].class).setParameter("project", projectFile).getResultList()) {
            if (row[1] != null) {
                latest.put((String) row[0], (java.time.Instant) row[1]);
            }
        }
        Map<String, LastResult> byPlan = new java.util.TreeMap<>();
        if (latest.isEmpty()) {
            return byPlan;
        }
        List<LastResult> rows = em.createQuery("select new io.rasfleet.store.RunReads$LastResult(p.plan, p.run.id, p.state, p.endedAt)"
                + " from PlanRunEntity p where p.run.projectFile = :project and p.state in ('SUCCEEDED', 'FAILED')"
                + " and p.endedAt in :times", LastResult.class)
                .setParameter("project", projectFile).setParameter("times", new java.util.HashSet<>(latest.values())).getResultList();
        for (LastResult row : rows) {
            if (row.endedAt().equals(latest.get(row.plan()))) {
                byPlan.merge(row.plan(), row, (a, b) -> a.run() >= b.run() ? a : b);
            }
        }
        return byPlan;
    }

    /** A plan's last result: the run it ended in, SUCCEEDED or FAILED, and when. */
    public record LastResult(String plan, long run, String state, java.time.Instant endedAt) {
    }

    /** The compute messages of a plan's latest attempt that has them. */
    public Optional<String> lastMessages(long runId, String plan) {
        List<String> found = em.createQuery("select a.messages from AttemptEntity a where a.planRun.run.id = :run"
                + " and a.planRun.plan = :plan and a.messages is not null order by a.number desc", String.class)
                .setParameter("run", runId).setParameter("plan", plan).setMaxResults(1).getResultList();
        return found.stream().findFirst();
    }
}
