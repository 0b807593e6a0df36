package io.rasfleet.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetches the geometry preprocessor's outputs an attempt wrote ({@link PlanTask#geometryOutputs()}),
 * the same way for every worker type: each type says how to read a file's time and copy it from its
 * working folder, and this decides what to copy. A file the attempt did not write (its time is
 * before the launch) stays on the worker: the geometry HDF of a 2D model is often the project's
 * largest file, and it came from the project in the first place. Whether what came back differs
 * from the project, and may go home, is decided on the app server ({@link GeometryHome}).
 */
public final class FetchedGeometry {

    /**
     * Clock granularity: file systems keep coarse times (ext4's are the kernel's tick, FAT's 2 s),
     * so a file written just after the launch may carry a time just before it. Fetching one extra
     * file costs less than missing a preprocessed one.
     */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private FetchedGeometry() {
    }

    /** A worker type's working folder, as this needs it. */
    public interface Folder {
        /** When {@code name} was last written, on the worker's clock; null when it does not exist. */
        Instant modified(String name) throws IOException;

        /** Copies {@code name} to {@code local}, whole or not at all; false when it does not exist. */
        boolean fetch(String name, Path local) throws IOException;
    }

    /**
     * Copies into {@code into} (under their own names) the task's geometry outputs that {@code folder}
     * holds and that were written since {@code launchedAt} (the worker's clock; null: all of them),
     * and returns them by name.
     */
    public static Map<String, Path> fetch(PlanTask task, Instant launchedAt, Path into, Folder folder) throws IOException {
        Map<String, Path> fetched = new LinkedHashMap<>();
        for (String name : task.geometryOutputs()) {
            Instant written = folder.modified(name);
            if (written == null || (launchedAt != null && written.isBefore(launchedAt.minus(SLACK)))) {
                continue;
            }
            Path local = into.resolve(name);
            if (folder.fetch(name, local)) {
                fetched.put(name, local);
            }
        }
        return fetched;
    }

    /** Reads a file's time on a worker, by its path there; null when it does not exist. */
    @FunctionalInterface
    public interface TimeOf {
        Instant modified(String path) throws IOException;
    }

    /** Copies a file of a worker, by its path there, to this machine; false when it does not exist. */
    @FunctionalInterface
    public interface Copy {
        boolean fetch(String path, Path local) throws IOException;
    }

    /** A remote working folder whose files are {@code prefix + name} for {@code time} and {@code copy}. */
    public static Folder at(String prefix, TimeOf time, Copy copy) {
        return new Folder() {
            @Override
            public Instant modified(String name) throws IOException {
                return time.modified(prefix + name);
            }

            @Override
            public boolean fetch(String name, Path local) throws IOException {
                return copy.fetch(prefix + name, local);
            }
        };
    }

    /** A working folder on this machine: its files are fetched where they are, with no copy. */
    public static Folder here(Path folder) {
        return new Folder() {
            @Override
            public Instant modified(String name) throws IOException {
                Path file = folder.resolve(name);
                return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.getLastModifiedTime(file).toInstant() : null;
            }

            @Override
            public boolean fetch(String name, Path local) {
                if (!local.equals(folder.resolve(name))) {
                    throw new IllegalArgumentException("a local working folder's file is used where it is, not copied to " + local);
                }
                return java.nio.file.Files.isRegularFile(local);
            }
        };
    }
}
