package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.OwnerToken;
import io.rasfleet.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Progress reaches the store from one writer, every value posted meanwhile in one transaction: at
 * 500 plans computing, a write per plan on its own watch held most of the datasource's connections.
 */
class ProgressBookTest {

    private static OwnerToken token(int plan) {
        return new OwnerToken(100 + plan, 7, String.format("%02d", plan), "server-a", 1);
    }

    /** A store that records each write it is asked for; the first waits until the test lets it go. */
    private static final class Store extends AttemptStore {
        final List<Map<OwnerToken, Double>> writes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch letFirstGo = new CountDownLatch(1);
        volatile Set<OwnerToken> notOurs = Set.of();

        @Override
        public Set<OwnerToken> progress(Map<OwnerToken, Double> fractions) {
            writes.add(Map.copyOf(fractions));
            if (writes.size() == 1) {
                firstStarted.countDown();
                try {
                    letFirstGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return notOurs;
        }
    }

    @Test
    void progressPostedWhileAWriteIsUnderWayGoesInOneWriteWithOnlyTheLatestValueOfEachPlan() throws Exception {
        Store store = new Store();
        ProgressBook book = new ProgressBook(store, new LiveAttempts());
        book.post(token(1), 0.1);
        assertTrue(store.firstStarted.await(10, TimeUnit.SECONDS));
        for (int plan = 1; plan <= 40; plan++) {
            book.post(token(plan), 0.2);
        }
        book.post(token(3), 0.3);
        store.letFirstGo.countDown();
        Await.until("the second write", Duration.ofSeconds(10), store.writes::size, n -> n == 2);
        Thread.sleep(200);
        assertEquals(2, store.writes.size(), "40 plans' progress in one write: " + store.writes);
        assertEquals(Map.of(token(1), 0.1), store.writes.get(0));
        assertEquals(40, store.writes.get(1).size());
        assertEquals(0.3, store.writes.get(1).get(token(3)), "the latest value of plan 03");
    }

    @Test
    void anAttemptWhosePlanIsNoLongerItsTokensIsFenced() throws Exception {
        Store store = new Store();
        store.letFirstGo.countDown();
        store.notOurs = Set.of(token(2));
        LiveAttempts live = new LiveAttempts();
        List<String> fenced = new CopyOnWriteArrayList<>();
        live.add(token(1), 1, reason -> fenced.add("01: " + reason));
        live.add(token(2), 1, reason -> fenced.add("02: " + reason));
        ProgressBook book = new ProgressBook(store, live);
        book.post(token(1), 0.5);
        Await.until("the fence", Duration.ofSeconds(10), fenced::size, n -> n > 0);
        assertEquals(List.of("02: its progress could not be recorded: the plan is no longer " + token(2) + "'s"), fenced);
    }

    @Test
    void anAttemptForgottenBeforeItsEndHasNoProgressWrittenAfterIt() throws Exception {
        Store store = new Store();
        ProgressBook book = new ProgressBook(store, new LiveAttempts());
        book.post(token(1), 0.1);
        assertTrue(store.firstStarted.await(10, TimeUnit.SECONDS));
        book.post(token(2), 0.9);
        // plan 02 ends while plan 01's write is under way: its value is dropped, and its end waits for that write
        Thread ending = new Thread(() -> book.forget(token(2)));
        ending.start();
        ending.join(300);
        assertTrue(ending.isAlive(), "forget waits for the write under way");
        store.letFirstGo.countDown();
        ending.join(10_000);
        Thread.sleep(300);
        assertEquals(List.of(Map.of(token(1), 0.1)), store.writes, "plan 02's value was dropped before any write took it");
    }

}
