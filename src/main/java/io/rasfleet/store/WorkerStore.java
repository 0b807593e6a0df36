package io.rasfleet.store;

import io.rasfleet.worker.WorkerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The configured workers. */
@ApplicationScoped
@Transactional
public class WorkerStore {

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    public List<WorkerSpec> list() {
        return em.createQuery("select w from WorkerEntity w order by w.name", WorkerEntity.class).getResultList()
                .stream().map(WorkerEntity::toSpec).toList();
    }

    public Optional<WorkerSpec> find(String name) {
        return Optional.ofNullable(em.find(WorkerEntity.class, name)).map(WorkerEntity::toSpec);
    }

    /** Adds or replaces a worker; returns true when it was new. */
    public boolean save(WorkerSpec spec) {
        WorkerEntity existing = em.find(WorkerEntity.class, spec.name());
        if (existing == null) {
            em.persist(WorkerEntity.of(spec));
            return true;
        }
        existing.update(spec);
        return false;
    }

    public boolean delete(String name) {
        WorkerEntity existing = em.find(WorkerEntity.class, name);
        if (existing == null) {
            return false;
        }
        em.remove(existing);
        return true;
    }
}
