package io.rasfleet.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of an attempt's life, as its one owner ({@code batch.PlanAttempt}) asks for it:
 * the start (counted, under a new {@link OwnerToken}, taking over a dead server's attempt), then
 * only conditional reads and writes that hold while the token does (progress, the queue reason,
 * the process record, the lease, the end), and the reconciling of a dead server's attempts. Each
 * method is its own transaction. The count of attempts that {@code maxAttempts} limits is the
 * database's: every attempt but those a stop ended.
 */
@ApplicationScoped
@Transactional
public class AttemptStore {

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    private final String node;
    private final Duration lease;

    public AttemptStore() {
        this(null, io.rasfleet.config.ServerConfig.serverName(), io.rasfleet.config.ServerConfig.lease());
    }

    /** A store outside the container (tests): the caller runs each call in a transaction. */
    public AttemptStore(EntityManager em, String node, Duration lease) {
        this.em = em;
        this.node = node;
        this.lease = lease;
    }

    /** This server's name among servers sharing the database: the server part of the tokens it hands out. */
    public String node() {
        return node;
    }

    /**
     * How long a running attempt stays this server's without a renewal: servers sharing a database
     * leave a plan alone while another one's lease on it runs, and take it over once it has expired.
     */
    public Duration lease() {
        return lease;
    }

    private PlanRunEntity plan(long runId, String plan) {
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
        PlanRunEntity p = em.find(PlanRunEntity.class, plan(runId, plan).getId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        List<RunningAttempt> takenOver = new ArrayList<>();
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
                    other.getEpoch(), other.getHost(), other.getPid(), other.getProcessStart(), other.getLeaseUntil()));
            other.setOutcome("LOST");
            other.setReason(reason);
            other.setEndedAt(now);
        }
        p.setState(PlanRunEntity.State.RUNNING);
        p.setOwner(node);
        p.setEpoch(p.getEpoch() + 1);
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
        a.setEpoch(p.getEpoch());
        a.setStartedAt(now);
        a.setLeaseUntil(now.plus(lease));
        p.setNote(null);
        p.getAttemptRecords().add(a);
        em.persist(a);
        em.flush();
        return new StartedAttempt(new OwnerToken(a.getId(), runId, plan, node, a.getEpoch()), a.getNumber(), takenOver);
    }

    /**
     * A new attempt's owner token, its number (the plan's count of attempts, the only count), and
     * the dead servers' attempts it took over.
     */
    public record StartedAttempt(OwnerToken token, int number, List<RunningAttempt> takenOver) {

        public long id() {
            return token.attemptId();
        }
    }


    /**
     * Renews the lease of each attempt a live thread of this server owns ({@code live}), each only
     * while its token still holds; returns the tokens that no longer hold (a peer took the attempt
     * over, or it was ended): their owners must stop. Attempts of this server that no thread owns
     * are not renewed, so that their leases run out and a peer or a restart may take them.
     */
    public Set<OwnerToken> renewLeases(Collection<OwnerToken> live) {
        Instant until = Instant.now().plus(lease);
        // one statement per owner and epoch, not one per attempt: at a study's size a server holds
        // hundreds of attempts, and a renewal that takes long on a loaded machine fences them all
        Map<List<Object>, List<OwnerToken>> groups = new java.util.LinkedHashMap<>();
        live.forEach(t -> groups.computeIfAbsent(List.of(t.server(), t.epoch()), k -> new ArrayList<>()).add(t));
        Set<OwnerToken> lost = new HashSet<>();
        for (List<OwnerToken> group : groups.values()) {
            OwnerToken first = group.get(0);
            List<Long> ids = group.stream().map(OwnerToken::attemptId).toList();
            int touched = em.createQuery("update AttemptEntity a set a.leaseUntil = :until" + GROUP_HELD)
                    .setParameter("until", until).setParameter("ids", ids).setParameter("me", first.server())
                    .setParameter("e", first.epoch()).executeUpdate();
            if (touched == ids.size()) {
                continue;
            }
            Set<Long> held = new HashSet<>(em.createQuery("select a.id from AttemptEntity a" + GROUP_HELD, Long.class)
                    .setParameter("ids", ids).setParameter("me", first.server()).setParameter("e", first.epoch()).getResultList());
            group.stream().filter(t -> !held.contains(t.attemptId())).forEach(lost::add);
        }
        return lost;
    }

    /** {@link #HELD} for a group of attempts of one owner and epoch. */
    private static final String GROUP_HELD = " where a.id in :ids and a.node = :me and a.epoch = :e and a.outcome = 'RUNNING'";

    /** The condition of every write to an attempt after its start: its owner token still holds. */
    private static final String HELD = " where a.id = :id and a.node = :me and a.epoch = :e and a.outcome = 'RUNNING'";

    /** The condition of every write to a plan's row by its attempt's owner after the start. */
    private static final String PLAN_HELD = " where p.run.id = :run and p.plan = :plan and p.owner = :me and p.epoch = :e";

    /** Whether {@code token} still owns its attempt: asked immediately before the result is renamed into the project. */
    public boolean holds(OwnerToken token) {
        // and its lease has not run out: once it has, a peer may take the attempt over at any moment
        return em.createQuery("select count(a) from AttemptEntity a" + HELD + " and a.planRun.epoch = :e and a.leaseUntil > :now",
                Long.class).setParameter("id", token.attemptId()).setParameter("me", token.server()).setParameter("e", token.epoch())
                .setParameter("now", Instant.now()).getSingleResult() == 1;
    }

    private int onPlan(String set, OwnerToken token, String name, Object value) {
        return em.createQuery("update PlanRunEntity p set " + set + PLAN_HELD).setParameter(name, value)
                .setParameter("run", token.runId()).setParameter("plan", token.plan()).setParameter("me", token.server())
                .setParameter("e", token.epoch()).executeUpdate();
    }


    /** Records the attempt's process (for a restart to find it); false when {@code token} no longer owns the attempt. */
    public boolean attemptProcess(OwnerToken token, long pid, Instant processStart) {
        return em.createQuery("update AttemptEntity a set a.pid = :pid, a.processStart = :started" + HELD)
                .setParameter("pid", pid).setParameter("started", processStart).setParameter("id", token.attemptId())
                .setParameter("me", token.server()).setParameter("e", token.epoch()).executeUpdate() == 1;
    }

    /**
     * Why the running plan waits in its worker's own queue, or null once it computes (see
     * {@link PlanRunEntity#getQueued()}); false when {@code token} no longer owns the plan.
     */
    public boolean queued(OwnerToken token, String reason) {
        return onPlan("p.queued = :q", token, "q", RunStore.clip(reason, 200)) == 1;
    }

    /** The progress of many plans in one transaction; returns the tokens that no longer own their plan (nothing written for them). */
    public Set<OwnerToken> progress(Map<OwnerToken, Double> fractions) {
        Set<OwnerToken> lost = new HashSet<>();
        fractions.forEach((token, fraction) -> {
            if (onPlan("p.progress = :f", token, "f", fraction) != 1) {
                lost.add(token);
            }
        });
        return lost;
    }

    /**
     * Ends an attempt and, through it, sets where the plan stands, from the plan's count of attempts:
     * after a failure worth another worker ({@code retryable}) the plan is PENDING while fewer than
     * {@code maxAttempts} attempts were made, across restarts, and FAILED after the last one.
     * Returns the plan's new state. Nothing is written when {@code token} no longer owns the attempt
     * (a peer took it over): {@link PlanLeasedException} says so.
     */
    public PlanRunEntity.State endAttempt(OwnerToken token, AttemptRecord record, int maxAttempts, String hdfPath) {
        AttemptEntity a = em.find(AttemptEntity.class, token.attemptId(), LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !"RUNNING".equals(a.getOutcome()) || !token.server().equals(a.getNode()) || a.getEpoch() != token.epoch()
                || a.getPlanRun().getEpoch() != token.epoch()) {
            throw new PlanLeasedException("attempt " + (a == null ? "?" : a.getNumber()) + " of plan " + token.plan() + " of run "
                    + token.runId() + " is no longer owned by " + token + (a == null ? "" : ": it is " + a.getOutcome()
                    + (a.getReason() == null ? "" : " (" + a.getReason() + ")")) + "; its end was not recorded");
        }
        PlanRunEntity.State planState = switch (record.end()) {
            case SUCCEEDED -> PlanRunEntity.State.SUCCEEDED;
            case STOPPED -> PlanRunEntity.State.STOPPED;
            case RETRYABLE -> counted(a.getPlanRun()) < maxAttempts ? PlanRunEntity.State.PENDING : PlanRunEntity.State.FAILED;
            case FINAL -> PlanRunEntity.State.FAILED;
        };
        a.setOutcome(record.outcome());
        a.setVerdict(record.verdict());
        a.setReason(RunStore.clip(record.reason(), 4000));
        a.setHost(record.host() == null ? a.getHost() : record.host());
        a.setExitCode(record.exitCode());
        a.setMessages(record.messages());
        a.setEndedAt(Instant.now());
        PlanRunEntity p = a.getPlanRun();
        p.setState(planState);
        p.setQueued(null);
        p.setVerdict(record.verdict());
        p.setError(planState == PlanRunEntity.State.SUCCEEDED ? null : RunStore.clip(record.reason(), 4000));
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
        if (counted(p) < maxAttempts) {
            return true;
        }
        String last = p.getAttemptRecords().stream().filter(a -> !STOPPED.equals(a.getOutcome())).reduce((x, y) -> y)
                .map(AttemptEntity::getReason).orElse(null);
        p.setState(PlanRunEntity.State.FAILED);
        p.setError(RunStore.clip("all " + maxAttempts + " attempts of this plan were used, counted across restarts"
                + (last == null ? "" : "; the last: " + last), 4000));
        if (p.getEndedAt() == null) {
            p.setEndedAt(Instant.now());
        }
        return false;
    }

    /** The outcome of an attempt that a stop ended (a person's, or a server's graceful shutdown): it uses up no attempt. */
    private static final String STOPPED = "STOPPED";

    /**
     * The plan's attempts that count against {@code maxAttempts}: every one but those a stop ended.
     * A stop is no failure of the plan, so a restart runs a stopped plan again whatever
     * {@code maxAttempts} says; {@link PlanRunEntity#getAttempts()} still numbers every attempt made.
     */
    private static long counted(PlanRunEntity p) {
        return p.getAttemptRecords().stream().filter(a -> !STOPPED.equals(a.getOutcome())).count();
    }


    /** Attempts this server recorded as running: after a restart, what its previous life left behind. */
    public List<RunningAttempt> runningAttempts() {
        return em.createQuery("select new io.rasfleet.store.AttemptStore$RunningAttempt(a.id, r.id, p.plan, a.number, a.worker,"
                + " a.node, a.epoch, a.host, a.pid, a.processStart, a.leaseUntil) from AttemptEntity a join a.planRun p join p.run r"
                + " where a.outcome = 'RUNNING' and a.node = :node", RunningAttempt.class)
                .setParameter("node", node).getResultList();
    }

    /**
     * An attempt recorded as running, with what is needed to find its process again (the pid is
     * meaningful only on {@code host}), the server that ran it and the epoch it ran under.
     */
    public record RunningAttempt(Long id, Long runId, String plan, Integer number, String worker, String node, Long epoch,
            String host, Long pid, Instant processStart, Instant leaseUntil) {
    }

    /**
     * An attempt whose server died: LOST with the reason, and its plan back to PENDING so that a
     * restart runs it; only while it is still as {@code seen} (RUNNING, same owner token, its lease
     * not renewed since), so that an attempt someone vouched for meanwhile is left alone. Returns
     * whether it was marked.
     */
    public boolean markLost(RunningAttempt seen, String reason) {
        AttemptEntity a = em.find(AttemptEntity.class, seen.id(), LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !"RUNNING".equals(a.getOutcome()) || !a.getNode().equals(seen.node()) || a.getEpoch() != seen.epoch()
                || !Objects.equals(a.getLeaseUntil(), seen.leaseUntil())) {
            return false;
        }
        markLost(a, reason);
        return true;
    }

    /**
     * Takes back an attempt this server's previous life left RUNNING, so that this life follows its
     * work to the end instead of starting the plan again: only while it is still as {@code seen}
     * (RUNNING, same owner token, its lease not renewed since), the plan's epoch is raised (the old
     * token never matches again), the attempt moves to the new epoch with a fresh lease, and its
     * number stays. Empty when someone else decided about it meanwhile.
     */
    public Optional<StartedAttempt> reown(RunningAttempt seen) {
        AttemptEntity a = em.find(AttemptEntity.class, seen.id(), LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !"RUNNING".equals(a.getOutcome()) || !a.getNode().equals(seen.node()) || !node.equals(seen.node())
                || a.getEpoch() != seen.epoch() || !Objects.equals(a.getLeaseUntil(), seen.leaseUntil())) {
            return Optional.empty();
        }
        PlanRunEntity p = em.find(PlanRunEntity.class, a.getPlanRun().getId(), LockModeType.PESSIMISTIC_WRITE);
        if (p.getEpoch() != a.getEpoch()) {
            return Optional.empty();
        }
        p.setEpoch(p.getEpoch() + 1);
        p.setOwner(node);
        a.setEpoch(p.getEpoch());
        a.setLeaseUntil(Instant.now().plus(lease));
        em.flush();
        return Optional.of(new StartedAttempt(new OwnerToken(a.getId(), seen.runId(), seen.plan(), node, a.getEpoch()), a.getNumber(),
                List.of()));
    }

    /** An attempt whose server died, whatever its lease says (tests set up a dead server's leftovers with it). */
    public void markLost(long attemptId, String reason) {
        markLost(em.find(AttemptEntity.class, attemptId), reason);
    }

    private void markLost(AttemptEntity a, String reason) {
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
