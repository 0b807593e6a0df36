package io.rasfleet.testing;

import java.time.Duration;

/**
 * Something a test does on another thread after a delay while its own thread waits (a kill while a
 * plan runs); {@link #join} waits for it and throws what it threw, so that its assertions count.
 */
public final class Later {

    /** What to do. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile Throwable failure;

    private Later(Duration delay, Action action) {
        thread = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                action.run();
            } catch (Throwable e) {
                failure = e;
            }
        }, "test-later");
        thread.start();
    }

    public static Later after(Duration delay, Action action) {
        return new Later(delay, action);
    }

    public void join() throws Exception {
        thread.join();
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
