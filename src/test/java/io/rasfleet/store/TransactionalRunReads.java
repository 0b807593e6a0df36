package io.rasfleet.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link RunReads} outside the server: each call in its own transaction and persistence context,
 * as the container runs it, so that what a caller gets back is detached as it is on the server.
 */
public class TransactionalRunReads extends RunReads {

    private final EntityManagerFactory factory;

    public TransactionalRunReads(EntityManagerFactory factory) {
        super(null);
        this.factory = factory;
    }

    private synchronized <T> T tx(Supplier<T> call) {
        if (em != null) {
            return call.get();
        }
        return Transactions.call(factory, manager -> em = manager, call);
    }

    @Override public Optional<RunEntity> find(long id) { return tx(() -> super.find(id)); }
    @Override public Optional<RunEntity> findWithAttempts(long id) { return tx(() -> super.findWithAttempts(id)); }
    @Override public Optional<RunForView> findForView(long id) { return tx(() -> super.findForView(id)); }
    @Override public Map<String, List<AttemptEntity.Summary>> attemptSummaries(long runId) {
        return tx(() -> super.attemptSummaries(runId)); }
    @Override public RunPage page(int limit, Long before) { return tx(() -> super.page(limit, before)); }
    @Override public List<RunEntity> active() { return tx(super::active); }
    @Override public Map<String, LastResult> lastResults(String projectFile) { return tx(() -> super.lastResults(projectFile)); }
    @Override public Optional<String> lastMessages(long runId, String plan) { return tx(() -> super.lastMessages(runId, plan)); }
}
