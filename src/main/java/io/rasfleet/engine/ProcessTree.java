package io.rasfleet.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process a launch has made, remembered as it is seen, so that all of them can be ended: a
 * launcher that dies first leaves its children to init, where {@code descendants()} no longer
 * finds them. {@link ProcessHandle} keeps each process's start time, so a reused pid is never hit.
 */
final class ProcessTree {

    private final ProcessHandle root;
    private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
    private final Map<Long, Integer> depth = new ConcurrentHashMap<>();

    ProcessTree(ProcessHandle root) {
        this.root = root;
        seen.put(root.pid(), root);
        depth.put(root.pid(), 0);
    }

    /** Records the processes below the root now; call it often enough to see short-lived parents. */
    void refresh() {
        root.descendants().forEach(p -> {
            seen.putIfAbsent(p.pid(), p);
            depth.computeIfAbsent(p.pid(), pid -> depthOf(p));
        });
        List<ProcessHandle> known = new ArrayList<>(seen.values());
        for (ProcessHandle p : known) {
            if (p.isAlive()) {
                p.descendants().forEach(child -> {
                    seen.putIfAbsent(child.pid(), child);
                    depth.computeIfAbsent(child.pid(), pid -> depthOf(child));
                });
            }
        }
    }

    private int depthOf(ProcessHandle process) {
        int level = 0;
        ProcessHandle current = process;
        while (current.pid() != root.pid() && level < 64) {
            // read once: a parent that ends between two reads is gone on the second
            java.util.Optional<ProcessHandle> parent = current.parent();
            if (parent.isEmpty()) {
                break;
            }
            current = parent.get();
            level++;
        }
        return level;
    }

    /** Kills everything of the tree that is alive, deepest first, until none is left or the deadline passes. */
    boolean killAll(Duration deadline) {
        Instant until = Instant.now().plus(deadline);
        do {
            refresh();
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
