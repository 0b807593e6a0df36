package io.rasfleet.worker;

/**
 * A worker could not do its part (stage, launch, bring home). It is a machine-side failure: the
 * message says which worker and host, and what failed; a secret never appears in it.
 */
public class WorkerException extends Exception {

    private final String output;

    public WorkerException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** {@code output}: what the plan's program, or the tool that launched it, printed before the failure; kept with the attempt. */
    public WorkerException(String message, Throwable cause, String output) {
        super(message, cause);
        this.output = output;
    }

    /** What was printed before the failure (compute messages, the engine's or PsExec's output); null when nothing. */
    public String output() {
        return output;
    }
}
