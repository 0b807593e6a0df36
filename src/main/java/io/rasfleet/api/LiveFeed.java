package io.rasfleet.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The one place live pages are fed from: per topic (a run, the workers) one snapshot is made per
 * tick, however many pages watch it, and sent only when it changed. A new subscriber gets the last
 * snapshot at once, so a page that reconnects has caught up with its first event; ids rise per
 * topic, so a page can tell a repeat from news. Plain reads ({@link #read}) get the same bytes: a
 * watched topic's snapshot of this tick, or one made for reads and kept for at most {@link #MAX_AGE_NANOS}.
 */
final class LiveFeed {

    /**
     * How old a snapshot a read may get: servers sharing a database learn of each other's changes
     * only by reading it, so a read shows what the store held at most a second ago.
     */
    static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** Beyond this many topics read but not watched, those older than {@link #MAX_AGE_NANOS} are forgotten. */
    private static final int READ_CACHE_TOPICS = 1000;

    /** A topic's bytes as sent and served, with the entity tag that names them and when they were made. */
    record Snapshot(String data, String etag, long madeAt) {

        static Snapshot of(String data, long now) {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            byte[] bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            crc.update(bytes);
            // a strong tag of the bytes: the same snapshot has the same tag on every server
            return new Snapshot(data, "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length) + "\"", now);
        }
    }

    private final Map<String, Snapshot> readCache = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier clock;

    LiveFeed() {
        this(System::nanoTime);
    }

    /** A feed on its own clock (tests). */
    LiveFeed(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    /** Where an event goes; {@code false} when the receiver has gone, which drops it. */
    interface Subscriber {
        boolean send(long id, String data);
    }

    private record Last(long id, String data, Snapshot snapshot) {

        Last(long id, String data, long now) {
            this(id, data, Snapshot.of(data, now));
        }
    }

    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds {@code subscriber} to {@code topic} and sends it the topic's snapshot, made now if there is none yet. */
    void subscribe(String topic, Subscriber subscriber, Function<String, String> snapshot) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(subscriber);
        Last current = last.computeIfAbsent(topic, t -> new Last(ids.incrementAndGet(), snapshot.apply(t), clock.getAsLong()));
        if (!subscriber.send(current.id(), current.data())) {
            unsubscribe(topic, subscriber);
        }
    }

    void unsubscribe(String topic, Subscriber subscriber) {
        Set<Subscriber> set = subscribers.get(topic);
        if (set != null) {
            set.remove(subscriber);
        }
    }

    /** Makes one snapshot per watched topic and sends it to the topic's subscribers if it changed; forgets unwatched topics. */
    synchronized void tick(Function<String, String> snapshot) {
        for (Map.Entry<String, Set<Subscriber>> entry : subscribers.entrySet()) {
            String topic = entry.getKey();
            Set<Subscriber> set = entry.getValue();
            if (set.isEmpty()) {
                subscribers.remove(topic, set);
                last.remove(topic);
                continue;
            }
            String data = snapshot.apply(topic);
            Last previous = last.get(topic);
            if (previous != null && previous.data().equals(data)) {
                // unchanged, and fresh as of this tick
                last.replace(topic, previous, new Last(previous.id(), data, new Snapshot(data, previous.snapshot().etag(),
                        clock.getAsLong())));
                continue;
            }
            Last now = new Last(ids.incrementAndGet(), data, clock.getAsLong());
            last.put(topic, now);
            for (Subscriber subscriber : set) {
                if (!subscriber.send(now.id(), now.data())) {
                    set.remove(subscriber);
                }
            }
        }
    }

    /**
     * The topic as a plain read shows it: the snapshot the event stream last sent while it is at most
     * {@link #MAX_AGE_NANOS} old, otherwise one made now and kept for the next readers as long.
     */
    Snapshot read(String topic, Function<String, String> snapshot) {
        long now = clock.getAsLong();
        Last watched = last.get(topic);
        if (watched != null && now - watched.snapshot().madeAt() < MAX_AGE_NANOS) {
            return watched.snapshot();
        }
        Snapshot cached = readCache.get(topic);
        if (cached != null && now - cached.madeAt() < MAX_AGE_NANOS) {
            return cached;
        }
        Snapshot made = Snapshot.of(snapshot.apply(topic), now);
        if (readCache.size() >= READ_CACHE_TOPICS) {
            readCache.values().removeIf(old -> now - old.madeAt() >= MAX_AGE_NANOS);
        }
        readCache.put(topic, made);
        return made;
    }

    /**
     * This server changed what topics show (a run started, stopped or restarted here): reads of
     * them make a snapshot anew instead of serving the last one, and so show the change at once.
     */
    void changed(java.util.function.Predicate<String> topics) {
        readCache.keySet().removeIf(topics);
        long stale = clock.getAsLong() - MAX_AGE_NANOS;
        last.replaceAll((topic, l) -> topics.test(topic)
                ? new Last(l.id(), l.data(), new Snapshot(l.data(), l.snapshot().etag(), stale)) : l);
    }

    int subscribers(String topic) {
        Set<Subscriber> set = subscribers.get(topic);
        return set == null ? 0 : set.size();
    }
}
