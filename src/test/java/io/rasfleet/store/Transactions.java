package io.rasfleet.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A store's call outside the server, as the container runs a {@code @Transactional} method with a
 * transaction-scoped entity manager: a manager of its own, handed to the store by {@code bind} for
 * the call (and taken back with {@code null}), committed, or rolled back when the call throws.
 */
final class Transactions {

    private Transactions() {
    }

    static <T> T call(EntityManagerFactory factory, Consumer<EntityManager> bind, Supplier<T> call) {
        EntityManager manager = factory.createEntityManager();
        bind.accept(manager);
        try {
            manager.getTransaction().begin();
            T result = call.get();
            manager.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (manager.getTransaction().isActive()) {
                manager.getTransaction().rollback();
            }
            throw e;
        } finally {
            bind.accept(null);
            manager.close();
        }
    }
}
