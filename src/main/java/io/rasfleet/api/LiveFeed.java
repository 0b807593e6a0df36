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
 * topic, so a page can tell a repeat from news.
 */
final class LiveFeed {

    /** Where an event goes; {@code false} when the receiver has gone, which drops it. */
    interface Subscriber {
        boolean send(long id, String data);
    }

    private record Last(long id, String data) {
    }

    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds {@code subscriber} to {@code topic} and sends it the topic's snapshot, made now if there is none yet. */
    void subscribe(String topic, Subscriber subscriber, Function<String, String> snapshot) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArraySet<>()).add(subscriber);
        Last current = last.computeIfAbsent(topic, t -> new Last(ids.incrementAndGet(), snapshot.apply(t)));
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
                continue;
            }
            Last now = new Last(ids.incrementAndGet(), data);
            last.put(topic, now);
            for (Subscriber subscriber : set) {
                if (!subscriber.send(now.id(), now.data())) {
                    set.remove(subscriber);
                }
            }
        }
    }

    int subscribers(String topic) {
        Set<Subscriber> set = subscribers.get(topic);
        return set == null ? 0 : set.size();
    }
}
