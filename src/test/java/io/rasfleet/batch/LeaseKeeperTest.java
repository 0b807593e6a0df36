package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.OwnerToken;
import io.rasfleet.store.TransactionalAttemptStore;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** This server's leases, on a real database: renewed only for attempts a live thread owns, and self-fencing. */
class LeaseKeeperTest {

    TestDatabase database;
    final AtomicLong clock = new AtomicLong();
    final Map<Long, String> fenced = new ConcurrentHashMap<>();
    final LiveAttempts live = new LiveAttempts();
    final Duration lease = Duration.ofSeconds(60);

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private OwnerToken started(TransactionalAttemptStore attempts, long runId, String plan) {
        io.rasfleet.store.AttemptStore.StartedAttempt started = attempts.startAttempt(runId, plan, "w1", "host-1");
        OwnerToken token = started.token();
        live.add(token, started.number(), reason -> fenced.put(token.attemptId(), reason));
        return token;
    }

    private Instant leaseOf(TransactionalRunStore runs, long runId, String plan) {
        AttemptEntity a = runs.findWithAttempts(runId).orElseThrow().getPlans().stream().filter(p -> p.getPlan().equals(plan))
                .findFirst().orElseThrow().getAttemptRecords().get(0);
        return a.getLeaseUntil();
    }

    @Test
    void onlyTheLeasesOfAttemptsALiveThreadOwnsAreRenewed() throws Exception {
        TransactionalRunStore runs = new TransactionalRunStore(database.factory(), "server-a", lease);
        long runId = TransactionalRunStore.startedRun(runs, "01", "02");
        OwnerToken owned = started(runs.attempts(), runId, "01");
        OwnerToken orphan = started(runs.attempts(), runId, "02");
        // the thread of plan 02 ended without recording its end (the database failed it): nobody owns it now
        live.remove(orphan);
        Instant orphanLease = leaseOf(runs, runId, "02");
        Instant ownedLease = leaseOf(runs, runId, "01");
        Thread.sleep(20);

        new LeaseKeeper(runs.attempts(), live, lease, clock::get).renew();

        assertTrue(leaseOf(runs, runId, "01").isAfter(ownedLease), "the live attempt's lease was renewed");
        assertEquals(orphanLease, leaseOf(runs, runId, "02"), "an attempt no thread owns runs out of lease");
        assertTrue(fenced.isEmpty());
        assertEquals(List.of(owned), live.tokens());
    }

    @Test
    void anAttemptWhoseTokenAPeerTookIsFencedAtTheNextRenewal() throws Exception {
        TransactionalRunStore runs = new TransactionalRunStore(database.factory(), "server-a", Duration.ofSeconds(-1));
        long runId = TransactionalRunStore.startedRun(runs, "01");
        OwnerToken token = started(runs.attempts(), runId, "01");
        new TransactionalRunStore(database.factory(), "server-b", lease).attempts().startAttempt(runId, "01", "w2", "host-2");

        new LeaseKeeper(runs.attempts(), live, lease, clock::get).renew();

        assertTrue(fenced.get(token.attemptId()).contains("no longer server server-a, epoch 1's"), String.valueOf(fenced));
    }

    @Test
    void aServerThatCannotRenewForHalfTheLeaseStopsItsOwnAttemptsBeforeAPeerMayTakeThem() throws Exception {
        TransactionalAttemptStore unreachable = new TransactionalAttemptStore(database.factory(), "server-a", lease) {
            @Override
            public Set<OwnerToken> renewLeases(Collection<OwnerToken> tokens) {
                throw new IllegalStateException("the database does not answer");
            }
        };
        long runId = TransactionalRunStore.startedRun(new TransactionalRunStore(database.factory(), "server-a", lease), "01", "02");
        OwnerToken one = started(unreachable, runId, "01");
        OwnerToken two = started(unreachable, runId, "02");
        LeaseKeeper keeper = new LeaseKeeper(unreachable, live, lease, clock::get);

        clock.addAndGet(Duration.ofSeconds(15).toNanos());
        keeper.renew();
        clock.addAndGet(Duration.ofSeconds(14).toNanos());
        keeper.fenceIfSilent();
        assertTrue(fenced.isEmpty(), "29 s without a renewal: under half the lease of 60 s");

        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        keeper.fenceIfSilent();
        assertEquals(Set.of(one.attemptId(), two.attemptId()), fenced.keySet(), "past half the lease every live attempt stops");
        assertTrue(fenced.get(one.attemptId()).contains("could not renew its lease for 31000 ms"), fenced.get(one.attemptId()));
    }

    /**
     * A self-fence stops the attempts that were live when it decided; one started while it stops
     * them (its start wrote to the database, so the database answers again) is not stopped with the
     * old reason. Stopping a process tree takes seconds on a loaded machine, ample time for a start.
     */
    @Test
    void aSelfFenceLeavesAloneAnAttemptStartedWhileItStopsTheOthers() {
        LeaseKeeper keeper = new LeaseKeeper(new TransactionalAttemptStore(database.factory(), "server-a", lease), live, lease, clock::get);
        OwnerToken old = new OwnerToken(1, 1, "01", "server-a", 1);
        OwnerToken later = new OwnerToken(2, 1, "02", "server-a", 1);
        live.add(old, 1, reason -> {
            fenced.put(old.attemptId(), reason);
            // the next plan starts while this one is being stopped
            live.add(later, 1, again -> fenced.put(later.attemptId(), again));
        });

        clock.addAndGet(lease.dividedBy(2).plusSeconds(1).toNanos());
        keeper.fenceIfSilent();

        assertEquals(Set.of(old.attemptId()), fenced.keySet(), "only the attempt live at the decision was stopped: " + fenced);
    }

    /**
     * Stopping a process tree took about 2 s on a loaded machine (TwoServersIT): one by one, a server
     * with many attempts would still be stopping them when the lease runs out and a peer starts them
     * again. The self-fence stops them side by side, so their number does not delay the last one.
     */
    @Test
    void aSelfFenceStopsItsAttemptsSideBySide() {
        LeaseKeeper keeper = new LeaseKeeper(new TransactionalAttemptStore(database.factory(), "server-a", lease), live, lease, clock::get);
        for (long id = 1; id <= 4; id++) {
            OwnerToken token = new OwnerToken(id, 1, "0" + id, "server-a", 1);
            live.add(token, 1, reason -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fenced.put(token.attemptId(), reason);
            });
        }

        clock.addAndGet(lease.dividedBy(2).plusSeconds(1).toNanos());
        long began = System.nanoTime();
        keeper.fenceIfSilent();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertEquals(Set.of(1L, 2L, 3L, 4L), fenced.keySet(), "every attempt was stopped when the fence returned");
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "four stops of 1 s each took " + took.toMillis() + " ms");
    }
}
