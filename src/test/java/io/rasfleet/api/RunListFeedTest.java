package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.store.RunStore;
import io.rasfleet.store.TransactionalRunReads;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The run list's live events: fed from the store by the one feed, one read per tick however many pages watch. */
class RunListFeedTest {

    @Test
    void pagesOnTheRunListGetANewRunAndItsProgressFromOneReadPerTick() {
        try (TestDatabase db = TestDatabase.h2()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            LiveEvents events = new LiveEvents();
            events.runs = runs;
            events.reads = new TransactionalRunReads(db.factory());
            AtomicInteger reads = new AtomicInteger();
            Function<String, String> store = topic -> {
                reads.incrementAndGet();
                return events.snapshot(topic);
            };
            LiveFeed feed = new LiveFeed();
            List<LiveFeedTest.Page> pages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                LiveFeedTest.Page page = new LiveFeedTest.Page();
                pages.add(page);
                feed.subscribe(LiveEvents.RUNS, page, store);
            }
            assertEquals(List.of(), list(pages.get(0).got.get(0)), "no run yet");

            long older = TransactionalRunStore.startedRun(runs, "01");
            long newer = TransactionalRunStore.startedRun(runs, "01", "02");
            feed.tick(store);
            feed.tick(store);
            runs.attempts().startAttempt(newer, "02", "w1", "host-1");
            feed.tick(store);

            assertEquals(4, reads.get(), "one read on the first subscribe and one per tick, for 20 pages");
            for (LiveFeedTest.Page page : pages) {
                assertEquals(3, page.got.size(), "the unchanged second tick sent nothing: " + page.got);
                JsonArray listed = list(page.got.get(1));
                assertEquals(List.of(newer, older), listed.getValuesAs(JsonObject.class).stream()
                        .map(r -> r.getJsonNumber("id").longValue()).toList(), "newest first");
                JsonObject now = list(page.got.get(2)).getJsonObject(0);
                assertEquals(Map.of("pending", 1, "running", 1), Map.of("pending", now.getJsonObject("counts").getInt("pending"),
                        "running", now.getJsonObject("counts").getInt("running")), now.toString());
                assertEquals("STARTED", now.getString("status"));
            }
        }
    }

    private static JsonArray list(String data) {
        try (var reader = Json.createReader(new StringReader(data))) {
            return reader.readArray();
        }
    }
}
