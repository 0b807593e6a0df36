package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a Slurm worker runs Slurm's client commands and reaches the cluster's shared filesystem:
 * the app server itself ({@link LocalSubmitHost}) or a login node over SSH ({@link LoginNode}).
 * Commands are words, never read by a shell as more; paths are the cluster's.
 */
interface SubmitHost extends AutoCloseable {

    /** What a command printed (stdout and stderr together) and its exit code; -1 when it could not run or answer. */
    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }
    }

    /** Runs the words to their end; throws only when the host itself is lost (a login node gone). */
    Result run(List<String> command, Duration limit) throws IOException;

    /** Runs the words and gives their standard output as printed; fails, with what they said, unless they exit 0. */
    String output(List<String> command, String what, Duration limit) throws IOException;

    /** Writes a local file to {@code path}, replacing what is there. */
    void put(Path local, String path) throws IOException;

    /** Copies {@code path} to {@code local}, whole or not at all; false when it does not exist. */
    boolean fetch(String path, Path local) throws IOException;

    /** When {@code path} was last written, on the cluster filesystem's clock; null when it does not exist. */
    Instant modified(String path) throws IOException;

    /** Makes {@code folder} and writes each file there under its name (which may hold {@code /}); the bytes sent. */
    long send(String folder, Map<String, Path> files) throws IOException;

    /** The submit host, for messages and attempt records. */
    String host();

    @Override
    void close();
}
