package io.rasfleet.engine;

import java.time.Duration;
import java.time.Instant;
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
        // with the separator: a folder /w/a must not match a peer's /w/ab
        String marker = folder.toAbsolutePath().normalize().toString() + java.io.File.separator;
        java.util.List<ProcessHandle> abandoned = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> mentions(p, marker))
                .filter(Orphans::parentGone)
                .toList();
        abandoned.forEach(p -> new ProcessTree(p).killAll(Duration.ofSeconds(20)));
        return abandoned.size();
    }

    private static boolean mentions(ProcessHandle process, String marker) {
        ProcessHandle.Info info = process.info();
        if (info.commandLine().map(c -> c.contains(marker)).orElse(false)) {
            return true;
        }
        return info.arguments().map(args -> java.util.Arrays.stream(args).anyMatch(a -> a.contains(marker))).orElse(false);
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
