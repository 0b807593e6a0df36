package io.rasfleet.store;

import io.rasfleet.worker.WorkerSpec;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link WorkerStore} outside the server, as {@link TransactionalRunStore} is for runs: each call in
 * its own transaction and persistence context, calls from several threads taking turns.
 */
public class TransactionalWorkerStore extends WorkerStore {

    private final EntityManagerFactory factory;

    public TransactionalWorkerStore(EntityManagerFactory factory) {
        this.factory = factory;
    }

    private synchronized <T> T tx(Supplier<T> call) {
        return Transactions.call(factory, manager -> em = manager, call);
    }

    @Override public List<WorkerSpec> list() { return tx(super::list); }
    @Override public Optional<WorkerSpec> find(String name) { return tx(() -> super.find(name)); }
    @Override public boolean save(WorkerSpec spec) { return tx(() -> super.save(spec)); }
    @Override public boolean delete(String name) { return tx(() -> super.delete(name)); }
}
