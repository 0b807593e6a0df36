package io.rasfleet.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something a test can observe, instead of sleeping and hoping. */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when {@code limit} passes first. */
    public static void until(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
