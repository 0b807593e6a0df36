package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which run writes a project plan's results, as the database decides it for every server sharing it. */
class PlanClaimsTest {

    private static final String PROJECT = "/projects/Muncie/Muncie.prj";

    static Stream<RunStoreTest.Database> databases() {
        return RunStoreTest.databases();
    }

    private static RunEntity run(String... plans) {
        return TransactionalRunStore.requested(PROJECT, plans);
    }

    private static long runs(TestDatabase db) {
        EntityManager em = db.factory().createEntityManager();
        try {
            return em.createQuery("select count(r) from RunEntity r", Long.class).getSingleResult();
        } finally {
            em.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRunGoingHoldsItsPlansAgainstNewRunsAndRestartsUntilItEnds(RunStoreTest.Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            PlanClaims claims = new TransactionalPlanClaims(db.factory());
            RunStore store = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long first = claims.create(run("01", "02"), List.of("01", "02")).getId();

            PlansClaimedException refused = assertThrows(PlansClaimedException.class,
                    () -> claims.create(run("02", "03"), List.of("02", "03")));
            assertEquals(first, refused.holder());
            assertEquals(List.of("02"), refused.plans());
            assertTrue(refused.getMessage().contains("run " + first + " is still writing the results of plans 02 of " + PROJECT),
                    refused.getMessage());
            assertEquals(1, runs(db), "the refused run was never recorded");
            assertEquals(java.util.Set.of(first), claims.holders(PROJECT, List.of("02", "03")), "plan 03 stayed free");
            assertTrue(claims.holders("/projects/Other/Other.prj", List.of("01")).isEmpty(), "claims are per project");

            store.finish(first, "STOPPED", null);
            long second = claims.create(run("02", "03"), List.of("02", "03")).getId();
            assertEquals(java.util.Set.of(second), claims.holders(PROJECT, List.of("02")), "a stopped run's claim was taken over");

            PlansClaimedException restart = assertThrows(PlansClaimedException.class, () -> claims.claim(first, PROJECT, List.of("01", "02")));
            assertEquals(second, restart.holder(), "a restart is refused while another run writes its plans");
            claims.claim(first, PROJECT, List.of("01"));

            claims.release(second);
            claims.claim(first, PROJECT, List.of("01", "02"));
            assertEquals(java.util.Set.of(first), claims.holders(PROJECT, List.of("01", "02", "03")));
        }
    }

    /**
     * Two servers creating runs of the same plan at once: the first transaction has claimed it but
     * not committed when the second one reads the claims (and sees none) and claims it too. The
     * second waits for the first and is refused; it records no run.
     */
    @Test
    void ofTwoServersStartingTheSamePlansAtOnceOnlyOneGetsThem() throws Exception {
        try (TestDatabase db = TestDatabase.postgresql()) {
            CountDownLatch claimedUncommitted = new CountDownLatch(1);
            CountDownLatch secondTrying = new CountDownLatch(1);
            CompletableFuture<Long> alpha = CompletableFuture.supplyAsync(() -> {
                EntityManager em = db.factory().createEntityManager();
                try {
                    em.getTransaction().begin();
                    long id = new PlanClaims(em).create(run("01", "02"), List.of("01", "02")).getId();
                    claimedUncommitted.countDown();
                    await(secondTrying);
                    // the other server is now inside its own claim: let it wait on ours for a moment
                    Thread.sleep(700);
                    em.getTransaction().commit();
                    return id;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    em.close();
                }
            });
            await(claimedUncommitted);
            CompletableFuture<Long> beta = CompletableFuture.supplyAsync(() -> {
                secondTrying.countDown();
                return new TransactionalPlanClaims(db.factory()).create(run("02", "03"), List.of("02", "03")).getId();
            });
            long winner = alpha.get(30, TimeUnit.SECONDS);
            java.util.concurrent.ExecutionException lost = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> beta.get(30, TimeUnit.SECONDS));
            assertTrue(lost.getCause() instanceof PlansClaimedException, String.valueOf(lost.getCause()));
            assertEquals(List.of("02", "03"), ((PlansClaimedException) lost.getCause()).plans());
            assertEquals(1, runs(db), "only the winner's run is recorded");
            PlanClaims claims = new TransactionalPlanClaims(db.factory());
            assertEquals(java.util.Set.of(winner), claims.holders(PROJECT, List.of("01", "02")));
            assertTrue(claims.holders(PROJECT, List.of("03")).isEmpty(), "the loser claimed nothing, not even its free plan");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other server never got there");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
