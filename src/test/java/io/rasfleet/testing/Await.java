package io.rasfleet.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Waits for something a test can observe (a process, a container, a state in the API) instead of
 * sleeping for a time that is too short on a slow machine and wasted on a fast one.
 */
public final class Await {

    private static final Duration EVERY = Duration.ofMillis(100);

    /** A look at what is awaited. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    private Await() {
    }

    /** The first value of {@code probe} that is {@code done}; fails naming {@code what} and the last value after {@code limit}. */
    public static <T> T until(String what, Duration limit, Probe<T> probe, Predicate<? super T> done) throws Exception {
        return until(what, limit, EVERY, probe, done);
    }

    /** The same, looking every {@code every} (for probes that cost something, such as a call to a server). */
    public static <T> T until(String what, Duration limit, Duration every, Probe<T> probe, Predicate<? super T> done)
            throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            T value = probe.look();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + limit + "; last seen: " + value);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
