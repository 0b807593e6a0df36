package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One snapshot per topic and tick, fanned out to every subscriber; news only; catch-up on subscribe. */
class LiveFeedTest {

    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, String> state = new ConcurrentHashMap<>();
    private final Function<String, String> store = topic -> {
        reads.computeIfAbsent(topic, t -> new AtomicInteger()).incrementAndGet();
        return state.getOrDefault(topic, "{}");
    };

    static final class Page implements LiveFeed.Subscriber {
        final List<String> got = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();
        boolean open = true;

        @Override
        public boolean send(long id, String data) {
            if (!open) {
                return false;
            }
            ids.add(id);
            got.add(data);
            return true;
        }
    }

    @Test
    void fiftyPagesOnOneRunCostOneStoreReadPerTick() {
        LiveFeed feed = new LiveFeed();
        List<Page> pages = new ArrayList<>();
        state.put("run:1", "{\"progress\":0.1}");
        for (int i = 0; i < 50; i++) {
            Page page = new Page();
            pages.add(page);
            feed.subscribe("run:1", page, store);
        }
        assertEquals(1, reads.get("run:1").get(), "the first page made the snapshot, the other 49 got it");
        state.put("run:1", "{\"progress\":0.5}");
        feed.tick(store);
        feed.tick(store);
        assertEquals(3, reads.get("run:1").get());
        for (Page page : pages) {
            assertEquals(List.of("{\"progress\":0.1}", "{\"progress\":0.5}"), page.got, "the unchanged second tick sent nothing");
        }
    }

    @Test
    void aPageThatReconnectsGetsTheLatestSnapshotFirstWithItsId() {
        LiveFeed feed = new LiveFeed();
        Page first = new Page();
        feed.subscribe("workers", first, store);
        state.put("workers", "[\"busy\"]");
        feed.tick(store);
        first.open = false;
        Page again = new Page();
        feed.subscribe("workers", again, store);
        assertEquals(List.of("[\"busy\"]"), again.got);
        assertEquals(first.ids.get(1), again.ids.get(0), "the same event, so the page knows it has seen it");
    }

    @Test
    void aClosedPageIsDroppedAndAnUnwatchedTopicIsNoLongerRead() {
        LiveFeed feed = new LiveFeed();
        Page page = new Page();
        feed.subscribe("run:2", page, store);
        page.open = false;
        state.put("run:2", "changed");
        feed.tick(store);
        assertEquals(0, feed.subscribers("run:2"));
        feed.tick(store);
        feed.tick(store);
        assertEquals(2, reads.get("run:2").get(), "read on subscribe and on the tick that found the page gone, then never");
    }

    private long now;

    @Test
    void aReadOfAnUnwatchedTopicHitsTheStoreAtMostOnceASecondAndShowsAChangeWithinIt() {
        LiveFeed feed = new LiveFeed(() -> now);
        state.put("run:3", "{\"progress\":0.1}");
        LiveFeed.Snapshot first = feed.read("run:3", store);
        now += 400_000_000L;
        LiveFeed.Snapshot again = feed.read("run:3", store);
        assertEquals(1, reads.get("run:3").get(), "fifty readers in one second cost one store read");
        assertEquals(first, again);
        assertEquals("{\"progress\":0.1}", again.data());

        state.put("run:3", "{\"progress\":0.2}");
        now += 599_000_000L;
        assertEquals(first.etag(), feed.read("run:3", store).etag(), "0.999 s old: still served");
        now += 1_000_000L;
        LiveFeed.Snapshot changed = feed.read("run:3", store);
        assertEquals("{\"progress\":0.2}", changed.data(), "a second after it was read, a change shows");
        assertNotEquals(first.etag(), changed.etag());
        assertEquals(2, reads.get("run:3").get());

        state.put("run:3", "{\"progress\":0.1}");
        now += LiveFeed.MAX_AGE_NANOS;
        assertEquals(first.etag(), feed.read("run:3", store).etag(), "the tag names the bytes, not the moment");
    }

    @Test
    void aReadOfAWatchedTopicServesTheBytesItsEventStreamSent() {
        LiveFeed feed = new LiveFeed(() -> now);
        Page page = new Page();
        state.put("run:4", "{\"progress\":0.1}");
        feed.subscribe("run:4", page, store);
        state.put("run:4", "{\"progress\":0.7}");
        now += 1_000_000_000L;
        feed.tick(store);
        now += 300_000_000L;
        LiveFeed.Snapshot read = feed.read("run:4", store);
        assertEquals(page.got.get(1), read.data(), "the same bytes the stream sent");
        assertEquals(2, reads.get("run:4").get(), "the read made no snapshot of its own");

        now += 1_000_000_000L;
        feed.tick(store);
        now += 300_000_000L;
        assertEquals(read, new LiveFeed.Snapshot(feed.read("run:4", store).data(), read.etag(), read.madeAt()),
                "unchanged at the next tick: the same bytes and tag");
        assertEquals(3, reads.get("run:4").get());
    }

    @Test
    void aChangeMadeOnThisServerIsReadAtOnce() {
        LiveFeed feed = new LiveFeed(() -> now);
        Page page = new Page();
        state.put("run:5", "STARTED");
        feed.subscribe("run:5", page, store);
        state.put("run:6", "STARTED");
        feed.read("run:6", store);
        state.put("run:5", "STOPPING");
        state.put("run:6", "STOPPING");
        feed.changed(topic -> topic.equals("run:5") || topic.equals("run:6"));
        assertEquals("STOPPING", feed.read("run:5", store).data(), "the watched topic's last snapshot is not served");
        assertEquals("STOPPING", feed.read("run:6", store).data(), "the read cache's is not served");
    }
}
