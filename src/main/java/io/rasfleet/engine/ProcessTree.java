package io.rasfleet.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every process a launch has made, remembered as it is seen, so that all of them can be ended: a
 * launcher that dies first leaves its children to init, where they are no longer below the root.
 * {@link ProcessHandle} keeps each process's start time, so a reused pid is never hit. The
 * processes are read from a {@link ProcessTable} shared by all trees.
 */
final class ProcessTree {

    private final ProcessHandle root;
    private final Function<Duration, ProcessTable> tables;
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
    private final Map<Long, Integer> depth = new ConcurrentHashMap<>();

    ProcessTree(ProcessHandle root) {
        this(root, ProcessTable::recent);
    }

    /** With {@code tables} giving a reading of the processes no older than asked. */
    ProcessTree(ProcessHandle root, Function<Duration, ProcessTable> tables) {
        this.root = root;
        this.tables = tables;
        seen.put(root.pid(), root);
        depth.put(root.pid(), 0);
    }

    /** Records the processes below the root and below any process seen before; call it often enough to see short-lived parents. */
    void refresh() {
        refresh(tables.apply(ProcessTable.WATCH_AGE));
    }

    private void refresh(ProcessTable table) {
        for (ProcessHandle known : new ArrayList<>(seen.values())) {
            if (known.isAlive()) {
                int level = depth.getOrDefault(known.pid(), 0);
                for (ProcessTable.Below below : table.below(known.pid())) {
                    if (seen.putIfAbsent(below.process().pid(), below.process()) == null) {
                        depth.put(below.process().pid(), level + below.depth());
                    }
                }
            }
        }
    }

    /**
     * Kills everything of the tree that is alive, deepest first, until none is left or the deadline
     * passes. The processes are read anew only while one it knows is alive: one that ended left its
     * children to init, where no reading would find them below it.
     */
    boolean killAll(Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        do {
            if (seen.values().stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            refresh(tables.apply(Duration.ZERO));
            List<ProcessHandle> alive = seen.values().stream().filter(ProcessHandle::isAlive)
                    .sorted(Comparator.comparingInt((ProcessHandle p) -> depth.getOrDefault(p.pid(), 0)).reversed())
                    .toList();
            if (alive.isEmpty()) {
                return true;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            sleep(50);
        } while (Instant.now().isBefore(until));
        return seen.values().stream().noneMatch(ProcessHandle::isAlive);
    }

    /** The pids seen so far, the root's first. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(root.pid());
        seen.keySet().stream().filter(pid -> pid != root.pid()).sorted().forEach(pids::add);
        return pids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
