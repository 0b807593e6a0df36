package io.rasfleet.testing;

import java.time.Duration;

/**
 * Something a test does on another thread while its own thread waits (a kill while a plan runs);
 * {@link #join} waits for it and throws what it threw, so that its assertions count. Prefer
 * {@link #when}: acting once something is observed (the plan computes) is what the test means;
 * a delay only guesses it.
 */
public final class Later {

    /** What to do. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile Throwable failure;

    private Later(Action wait, Action action) {
        thread = new Thread(() -> {
            try {
                wait.run();
                action.run();
            } catch (Throwable e) {
                failure = e;
            }
        }, "test-later");
        thread.start();
    }

    public static Later after(Duration delay, Action action) {
        return new Later(() -> Thread.sleep(delay.toMillis()), action);
    }

    /** {@code action} once {@code condition} holds; a failure naming {@code what} if it does not within {@code limit}. */
    public static Later when(String what, Duration limit, Await.Probe<Boolean> condition, Action action) {
        return new Later(() -> Await.until(what, limit, condition, Boolean.TRUE::equals), action);
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
