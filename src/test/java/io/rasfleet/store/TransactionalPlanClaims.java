package io.rasfleet.store;

import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link PlanClaims} outside the server, each call in its own transaction and entity manager as the
 * container runs it. Not shared between threads: two servers are two instances, whose calls may
 * overlap in the database.
 */
public class TransactionalPlanClaims extends PlanClaims {

    private final EntityManagerFactory factory;

    public TransactionalPlanClaims(EntityManagerFactory factory) {
        super(null);
        this.factory = factory;
    }

    private <T> T tx(Supplier<T> call) {
        if (em != null) {
            return call.get();
        }
        return Transactions.call(factory, manager -> em = manager, call);
    }

    @Override public RunEntity create(RunEntity run, List<String> plans) { return tx(() -> super.create(run, plans)); }
    @Override public void claim(long runId, String projectFile, List<String> plans) {
        tx(() -> {
            super.claim(runId, projectFile, plans);
            return null;
        });
    }
    @Override public Set<Long> holders(String projectFile, List<String> plans) { return tx(() -> super.holders(projectFile, plans)); }
    @Override public void release(long runId) {
        tx(() -> {
            super.release(runId);
            return null;
        });
    }
}
