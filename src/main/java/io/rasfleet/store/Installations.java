package io.rasfleet.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;

/** This installation's id ({@link InstallationEntity}): made once, by the first server to start, and kept. */
@ApplicationScoped
public class Installations {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    /** The id; made now when no server made one before. Two first starts at once: the loser's write fails, and it asks again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String id() {
        return idIn(em);
    }

    /** The id as {@code em} finds it, or a new one written through it (inside the caller's transaction). */
    static String idIn(EntityManager em) {
        InstallationEntity found = em.find(InstallationEntity.class, InstallationEntity.ONLY);
        if (found != null) {
            return found.getInstallId();
        }
        InstallationEntity made = new InstallationEntity(newId(), Instant.now());
        em.persist(made);
        em.flush();
        return made.getInstallId();
    }

    /** Eight characters of [0-9a-z]: short enough for a job name, and 2.8e12 of them. */
    static String newId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return id.toString();
    }
}
