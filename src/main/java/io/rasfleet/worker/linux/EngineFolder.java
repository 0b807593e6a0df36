package io.rasfleet.worker.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One plan attempt's working folder where HEC-RAS's Linux engine runs: a folder on an SSH host, or
 * a container. Made from the run's snapshot on the engine's side; closing it ends whatever still
 * runs there and removes it (unless the worker's {@code autoclean} is off).
 */
public interface EngineFolder extends AutoCloseable, io.rasfleet.worker.FetchedGeometry.Folder {

    /** The machine or engine, for the attempt record. */
    String host();

    /** Writes a local file into the working folder under {@code name}, replacing what is there. */
    void put(Path local, String name) throws IOException;

    /** Copies {@code name} from the working folder to {@code local}; false when it does not exist. */
    @Override
    boolean fetch(String name, Path local) throws IOException;

    /**
     * When {@code name} in the working folder was last written, on the worker's own clock (where
     * the engine wrote it); null when it does not exist.
     */
    @Override
    java.time.Instant modified(String name) throws IOException;

    /** Starts a program in the working folder. Arguments are data: nothing is read by a shell as words. */
    EngineCommand start(List<String> command, Map<String, String> environment) throws IOException;

    /**
     * Ends the programs an earlier {@link #start} of this attempt launched, found by what their
     * launch left in the folder ({@link AttemptScript#PID_FILE}) or by the container they run in:
     * for work a previous life of the server launched, which no {@link EngineCommand} of this one holds.
     */
    void endLaunched() throws IOException;

    /** Lets go of the folder (its connection or client) without ending or removing anything there. */
    void detach();

    @Override
    void close();
}
