package io.rasfleet.worker;

import java.io.IOException;

/**
 * The worker's machine or engine cannot be reached or logged in to: not this plan's fault, and no
 * plan should be sent there until a check passes again.
 */
public class WorkerUnreachableException extends IOException {

    public WorkerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code e} or one of its causes says the worker is unreachable. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WorkerUnreachableException) {
                return true;
            }
        }
        return false;
    }
}
