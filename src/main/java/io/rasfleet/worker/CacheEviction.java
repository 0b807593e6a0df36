package io.rasfleet.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Least-recently-used eviction of a worker's cache of project files, whatever holds it (a Linux
 * folder, a Docker volume, a Windows share): the entries to remove so that the cache holds at most
 * a limit, oldest use first, skipping the ones a run's snapshot holds. Those count but cannot go,
 * so a cache may stay above its limit while snapshots hold more than it.
 */
public final class CacheEviction {

    /** Whether a run's snapshot holds an entry; asked only of the entries eviction would take. */
    @FunctionalInterface
    public interface Held<E> {
        boolean test(E entry) throws IOException;
    }

    private CacheEviction() {
    }

    /** The entries to remove, in the order to remove them. Ties in last use go by {@code toString()} order. */
    public static <E> List<E> victims(List<E> entries, ToLongFunction<E> lastUsed, ToLongFunction<E> size, Held<E> held,
            long limitBytes) throws IOException {
        long total = entries.stream().mapToLong(size).sum();
        List<E> oldestFirst = new ArrayList<>(entries);
        oldestFirst.sort(Comparator.comparingLong(lastUsed).thenComparing(Object::toString));
        List<E> victims = new ArrayList<>();
        for (E entry : oldestFirst) {
            if (total <= limitBytes) {
                break;
            }
            if (!held.test(entry)) {
                victims.add(entry);
                total -= size.applyAsLong(entry);
            }
        }
        return victims;
    }
}
