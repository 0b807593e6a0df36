package io.rasfleet.testing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Watches /proc on a thread of its own and keeps, for each process whose command line it wants,
 * when it was first and last seen alive: what really ran when, as opposed to the times a server
 * recorded about it. Two processes whose sightings overlap were seen alive at the same time.
 */
public final class ProcessWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(20);

    /** One process as seen: its pid, command line, and the first and last look that found it alive. */
    public record Seen(long pid, String commandLine, Instant first, Instant last) {

        /** True when both were seen alive in one look. */
        public boolean overlaps(Seen other) {
            return !first.isAfter(other.last) && !other.first.isAfter(last);
        }
    }

    private final Predicate<String> wanted;
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Exception failure;

    private ProcessWatch(Predicate<String> wanted) {
        this.wanted = wanted;
        thread = new Thread(this::watch, "test-process-watch");
        thread.setDaemon(true);
        thread.start();
    }

    public static ProcessWatch start(Predicate<String> commandLine) {
        return new ProcessWatch(commandLine);
    }

    private void watch() {
        try {
            while (!closed) {
                Map<Long, String> alive = Processes.commandLines(wanted);
                Instant now = Instant.now();
                synchronized (seen) {
                    // a pid may be used again by another process: the command line tells them apart
                    alive.forEach((pid, line) -> seen.merge(pid + " " + line, new Seen(pid, line, now, now),
                            (before, again) -> new Seen(pid, line, before.first(), now)));
                }
                Thread.sleep(EVERY.toMillis());
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every process seen so far, in the order they were first seen. */
    public List<Seen> seen() throws IOException {
        if (failure != null) {
            throw new IOException("the watch of /proc failed", failure);
        }
        synchronized (seen) {
            return new ArrayList<>(seen.values());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
    }
}
