package io.rasfleet.worker.linux;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/** A program running in an {@link EngineFolder}. */
public interface EngineCommand {

    /**
     * Waits up to {@code timeout} for the program to end: its exit code, or empty while it runs.
     * Throws when the machine or container can no longer be reached, saying so.
     */
    OptionalInt waitFor(Duration timeout) throws IOException, InterruptedException;

    /** What the program printed so far (the start of it, when it printed a lot): kept with the attempt. */
    String output();

    /** Ends the program and everything it started; quiet when it has ended already. */
    void kill();
}
