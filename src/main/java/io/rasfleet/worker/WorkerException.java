package io.rasfleet.worker;

/**
 * A worker could not do its part (stage, launch, bring home). It is a machine-side failure: the
 * message says which worker and host, and what failed; a secret never appears in it.
 */
public class WorkerException extends Exception {
    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
