package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.store.OwnerToken;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.TransactionalAttemptStore;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A start-up tells its own previous life's attempts from a live server under the same name, on a real database. */
class PreviousLifeTest {

    TestDatabase database;
    TransactionalAttemptStore starting;
    TransactionalAttemptStore twin;
    long runId;
    TransactionalRunStore plans;

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2();
        TransactionalRunStore runs = new TransactionalRunStore(database.factory(), "fleet-1", Duration.ofSeconds(60));
        starting = runs.attempts();
        twin = new TransactionalAttemptStore(database.factory(), "fleet-1", Duration.ofSeconds(60));
        runId = TransactionalRunStore.startedRun(runs, "01", "02");
        plans = runs;
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aLiveServerWithTheSameNodeNameThatRenewsItsLeasesMakesTheStartRefuseAndNothingOfItIsTouched() throws Exception {
        OwnerToken running = twin.startAttempt(runId, "01", "w1", "host-1").token();
        Thread.sleep(20);

        PreviousLife.TwinServerException refused = assertThrows(PreviousLife.TwinServerException.class,
                () -> PreviousLife.left(starting, watched -> {
                    assertEquals(Duration.ofSeconds(17), watched, "a quarter lease (the twin's renewal beat) and a margin");
                    twin.renewLeases(List.of(running));
                }));

        assertTrue(refused.getMessage().contains("another live server is named fleet-1"), refused.getMessage());
        assertTrue(refused.getMessage().contains("-Djboss.node.name"), refused.getMessage());
        assertTrue(twin.holds(running), "the twin's attempt is left as it was");
        assertEquals(PlanRunEntity.State.RUNNING, plans.plan(runId, "01").getState());
    }

    @Test
    void aTwinThatStartsAnAttemptWhileTheStartWatchesIsRefusedToo() throws Exception {
        twin.startAttempt(runId, "01", "w1", "host-1");

        assertThrows(PreviousLife.TwinServerException.class,
                () -> PreviousLife.left(starting, watched -> twin.startAttempt(runId, "02", "w1", "host-1")));
    }

    @Test
    void attemptsOfADeadPreviousLifeWhoseLeasesNobodyRenewsAreHandedBackAndMarkedLostOnlyAsSeen() throws Exception {
        OwnerToken dead = twin.startAttempt(runId, "01", "w1", "host-1").token();
        OwnerToken renewedLater = twin.startAttempt(runId, "02", "w1", "host-1").token();

        List<AttemptStore.RunningAttempt> left = PreviousLife.left(starting, watched -> { });

        assertEquals(2, left.size());
        AttemptStore.RunningAttempt one = left.stream().filter(a -> a.plan().equals("01")).findFirst().orElseThrow();
        AttemptStore.RunningAttempt two = left.stream().filter(a -> a.plan().equals("02")).findFirst().orElseThrow();
        assertTrue(starting.markLost(one, "lost: the server stopped"));
        Thread.sleep(20);
        twin.renewLeases(List.of(renewedLater));
        assertFalse(starting.markLost(two, "lost: the server stopped"), "renewed since it was seen: left alone");
        assertFalse(twin.holds(dead));
        assertTrue(twin.holds(renewedLater));
        assertEquals(PlanRunEntity.State.PENDING, plans.plan(runId, "01").getState());
    }

    @Test
    void withoutALiveLeaseNothingIsWatched() throws Exception {
        AttemptStore expired = new TransactionalAttemptStore(database.factory(), "fleet-1", Duration.ofSeconds(-1));
        expired.startAttempt(runId, "01", "w1", "host-1");

        List<AttemptStore.RunningAttempt> left = PreviousLife.left(starting, watched -> {
            throw new AssertionError("watched although every lease had run out");
        });

        assertEquals(1, left.size());
    }
}
