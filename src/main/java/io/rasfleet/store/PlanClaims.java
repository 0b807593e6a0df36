package io.rasfleet.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which run writes each project plan's results, decided by the database so that servers sharing it
 * agree: a run claims its plans in the transaction that creates it (or restarts it), one row per
 * project plan under a unique constraint. A claim held by a run that has ended is taken over by a
 * conditional update; one held by a run still going refuses the new run, naming the holder. Of two
 * transactions claiming the same plan at once, the database lets one commit and fails the other.
 */
@ApplicationScoped
@Transactional
public class PlanClaims {

    /** Run statuses that still write results: a claim of such a run is held. */
    public static final Set<String> GOING = Set.of("STARTING", "STARTED", "STOPPING");

    @PersistenceContext(unitName = "rasfleet")
    EntityManager em;

    public PlanClaims() {
    }

    /** Claims outside the container (tests): the caller runs each call in a transaction. */
    public PlanClaims(EntityManager em) {
        this.em = em;
    }

    /** Records {@code run} and claims its {@code plans}, all or nothing. */
    public RunEntity create(RunEntity run, List<String> plans) {
        run.setCreatedAt(Instant.now());
        em.persist(run);
        em.flush();
        claim(run.getId(), run.getProjectFile(), plans);
        return run;
    }

    /**
     * Claims {@code plans} of {@code projectFile} for run {@code runId}, taking over the claims of
     * runs that have ended; refused ({@link PlansClaimedException}) when a run still going holds any.
     */
    public void claim(long runId, String projectFile, List<String> plans) {
        String key = key(projectFile);
        List<PlanClaimEntity> held = em.createQuery("select c from PlanClaimEntity c where c.projectKey = :key and c.plan in :plans",
                PlanClaimEntity.class).setParameter("key", key).setParameter("plans", plans).getResultList();
        Map<Long, List<String>> refused = new TreeMap<>();
        List<String> free = new ArrayList<>(plans);
        for (PlanClaimEntity claim : held) {
            free.remove(claim.getPlan());
            if (claim.getRunId() == runId) {
                continue;
            }
            if (going(claim.getRunId()) || em.createQuery("update PlanClaimEntity c set c.runId = :me"
                    + " where c.projectKey = :key and c.plan = :plan and c.runId = :holder")
                    .setParameter("me", runId).setParameter("key", key).setParameter("plan", claim.getPlan())
                    .setParameter("holder", claim.getRunId()).executeUpdate() == 0) {
                refused.computeIfAbsent(claim.getRunId(), r -> new ArrayList<>()).add(claim.getPlan());
            }
        }
        if (!refused.isEmpty()) {
            Map.Entry<Long, List<String>> first = refused.entrySet().iterator().next();
            throw new PlansClaimedException(first.getKey(), first.getValue(), projectFile);
        }
        try {
            for (String plan : free) {
                em.persist(new PlanClaimEntity(key, plan, runId));
            }
            em.flush();
        } catch (PersistenceException e) {
            // another transaction claimed one of them since the read above and committed first
            throw new PlansClaimedException(null, free, projectFile);
        }
    }

    /** The runs that hold claims on {@code plans} of {@code projectFile}, whatever their status. */
    public Set<Long> holders(String projectFile, List<String> plans) {
        return Set.copyOf(em.createQuery("select c.runId from PlanClaimEntity c where c.projectKey = :key and c.plan in :plans",
                Long.class).setParameter("key", key(projectFile)).setParameter("plans", plans).getResultList());
    }

    /** Lets go of every plan the run holds (it has ended). */
    public void release(long runId) {
        em.createQuery("delete from PlanClaimEntity c where c.runId = :run").setParameter("run", runId).executeUpdate();
    }

    private boolean going(long runId) {
        List<String> status = em.createQuery("select r.status from RunEntity r where r.id = :id", String.class)
                .setParameter("id", runId).getResultList();
        return !status.isEmpty() && GOING.contains(status.get(0));
    }

    static String key(String projectFile) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(projectFile.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
