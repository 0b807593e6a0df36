package io.rasfleet.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes a dead server left running. A pid alone is not enough to find one again (pids are
 * reused), so a process is ended only when its start instant is the one recorded at launch.
 */
public final class Orphans {

    /** Start instants read back from the OS are rounded (to clock ticks): this much difference is the same start. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    private Orphans() {
    }

    /**
     * Ends every process tree whose command line mentions {@code folder} and whose parent is gone
     * (re-parented to init, or dead): plans a dead server launched in its working folders. A live
     * server's plans still have it as their parent, so a second server on the machine loses none.
     * Returns how many trees were ended.
     */
    public static int killAbandonedUnder(java.nio.file.Path folder) {
        return killAbandonedUnder(folder, below -> false);
    }

    /**
     * As {@link #killAbandonedUnder(java.nio.file.Path)}, but spares each process for which
     * {@code spare} answers true when given the path below {@code folder} that it names
     * ({@code run-7/p01-a2/Muncie.prj}); asked once every process has been listed.
     */
    public static int killAbandonedUnder(java.nio.file.Path folder, java.util.function.Predicate<String> spare) {
        // with the separator: a folder /w/a must not match a peer's /w/ab
        String marker = folder.toAbsolutePath().normalize().toString() + java.io.File.separator;
        Map<ProcessHandle, String> found = new java.util.LinkedHashMap<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(Orphans::parentGone)
                .forEach(p -> below(p, marker).ifPresent(named -> found.put(p, named)));
        List<ProcessHandle> abandoned = found.entrySet().stream().filter(e -> !spare.test(e.getValue())).map(Map.Entry::getKey).toList();
        abandoned.forEach(p -> new ProcessTree(p).killAll(Duration.ofSeconds(20)));
        return abandoned.size();
    }

    /**
     * The top of the process tree working in {@code folder} (its arguments name a path below it, its
     * parent's do not): a plan a previous life of this server launched there, to be followed again.
     * Empty when no process names the folder.
     */
    public static Optional<ProcessHandle> rootNaming(java.nio.file.Path folder) {
        String marker = folder.toAbsolutePath().normalize().toString() + java.io.File.separator;
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && below(p, marker).isPresent())
                .filter(p -> p.parent().flatMap(parent -> below(parent, marker)).isEmpty())
                .min(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(Instant.MAX)));
    }

    /** The path below {@code marker} that the process's arguments (or, unsplit, its command line up to a blank) name. */
    private static Optional<String> below(ProcessHandle process, String marker) {
        ProcessHandle.Info info = process.info();
        Optional<String> named = info.arguments().flatMap(args -> java.util.Arrays.stream(args).filter(a -> a.contains(marker))
                .findFirst()).map(a -> a.substring(a.indexOf(marker) + marker.length()));
        if (named.isPresent()) {
            return named;
        }
        return info.commandLine().filter(c -> c.contains(marker)).map(c -> c.substring(c.indexOf(marker) + marker.length()).split("\\s", 2)[0]);
    }

    private static boolean parentGone(ProcessHandle process) {
        Optional<ProcessHandle> parent = process.parent();
        return parent.isEmpty() || parent.get().pid() == 1 || !parent.get().isAlive();
    }

    /** Ends the process and everything below it; false when no such process (same pid and start) is alive. */
    public static boolean kill(long pid, Instant started) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || started == null) {
            return false;
        }
        Optional<Instant> actual = handle.get().info().startInstant();
        if (actual.isEmpty() || Duration.between(actual.get(), started).abs().compareTo(SAME_START) > 0) {
            return false;
        }
        new ProcessTree(handle.get()).killAll(Duration.ofSeconds(20));
        return true;
    }
}
