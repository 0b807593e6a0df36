package io.rasfleet.store;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link AttemptStore} outside the server: each call in its own transaction and persistence
 * context, as the container runs it (see {@link TransactionalRunStore}). Calls from several
 * threads take turns.
 */
public class TransactionalAttemptStore extends AttemptStore {

    private final EntityManagerFactory factory;

    public TransactionalAttemptStore(EntityManagerFactory factory, String node, Duration lease) {
        super(null, node, lease);
        this.factory = factory;
    }

    private synchronized <T> T tx(Supplier<T> call) {
        return Transactions.call(factory, manager -> em = manager, call);
    }

    @Override public StartedAttempt startAttempt(long runId, String plan, String worker, String host) {
        return tx(() -> super.startAttempt(runId, plan, worker, host)); }
    @Override public Set<OwnerToken> renewLeases(Collection<OwnerToken> live) { return tx(() -> super.renewLeases(live)); }
    @Override public boolean holds(OwnerToken token) { return tx(() -> super.holds(token)); }
    @Override public boolean attemptProcess(OwnerToken token, long pid, Instant processStart) {
        return tx(() -> super.attemptProcess(token, pid, processStart)); }
    @Override public java.util.Set<OwnerToken> progress(java.util.Map<OwnerToken, Double> fractions) { return tx(() -> super.progress(fractions)); }
    @Override public boolean queued(OwnerToken token, String reason) { return tx(() -> super.queued(token, reason)); }
    @Override public PlanRunEntity.State endAttempt(OwnerToken token, AttemptRecord record, int maxAttempts, String hdfPath) {
        return tx(() -> super.endAttempt(token, record, maxAttempts, hdfPath)); }
    @Override public boolean attemptsLeft(long runId, String plan, int maxAttempts) {
        return tx(() -> super.attemptsLeft(runId, plan, maxAttempts)); }
    @Override public List<RunningAttempt> runningAttempts() { return tx(super::runningAttempts); }
    @Override public void markLost(long attemptId, String reason) {
        tx(() -> {
            super.markLost(attemptId, reason);
            return null;
        });
    }
    @Override public boolean markLost(RunningAttempt seen, String reason) { return tx(() -> super.markLost(seen, reason)); }
    @Override public java.util.Optional<StartedAttempt> reown(RunningAttempt seen) { return tx(() -> super.reown(seen)); }
}
