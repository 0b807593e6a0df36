package io.rasfleet.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which process is whose child, as read at one moment, shared by every plan's {@link ProcessTree}
 * that asks within a moment. Reading the OS's process list walks every process of the machine
 * (about 10 ms of CPU with 400 processes): once a second per tree, 64 plans computing at once took
 * a whole core of the server in that alone; one reading every half second for all of them takes
 * a hundredth of it.
 */
final class ProcessTable {

    /** How old a reading the trees' watch accepts. */
    static final Duration WATCH_AGE = Duration.ofMillis(500);

    private static final java.util.concurrent.locks.ReentrantLock READING = new java.util.concurrent.locks.ReentrantLock();
    private static volatile ProcessTable latest;

    private final long readAt;
    private final Map<Long, ProcessHandle> handles = new HashMap<>();
    private final Map<Long, List<Long>> children = new HashMap<>();

    private ProcessTable(long readAt) {
        this.readAt = readAt;
    }

    /**
     * A reading of this machine's processes no older than {@code maxAge}; made now (and kept for the
     * others) when the latest one is older, unless another thread is making one: then the latest is
     * good enough for a watch. {@link Duration#ZERO} always reads anew.
     */
    static ProcessTable recent(Duration maxAge) {
        ProcessTable table = latest;
        if (table != null && table.youngerThan(maxAge)) {
            return table;
        }
        if (table != null && !maxAge.isZero()) {
            // a watch takes the last reading while another thread reads: 500 watches waiting on one reading took 500 threads
            if (!READING.tryLock()) {
                return table;
            }
        } else {
            READING.lock();
        }
        try {
            table = latest;
            // another thread may have read while this one waited
            if (table != null && table.youngerThan(maxAge)) {
                return table;
            }
            table = of(ProcessHandle.allProcesses());
            latest = table;
            return table;
        } finally {
            READING.unlock();
        }
    }

    private boolean youngerThan(Duration age) {
        return System.nanoTime() - readAt < age.toNanos();
    }

    /** The table of these processes, each under the parent it names now (a process whose parent is gone is under none). */
    static ProcessTable of(Stream<ProcessHandle> processes) {
        ProcessTable table = new ProcessTable(System.nanoTime());
        processes.forEach(p -> {
            table.handles.put(p.pid(), p);
            // read once: a parent that ends between two reads is gone on the second
            Optional<ProcessHandle> parent = p.parent();
            parent.ifPresent(up -> table.children.computeIfAbsent(up.pid(), k -> new ArrayList<>()).add(p.pid()));
        });
        return table;
    }

    /**
     * Everything below {@code pid} in this reading, each with its depth under {@code pid} (1 for a
     * child), parents before their children. The handles carry each process's start, so a pid
     * reused after the reading is never taken for the process read.
     */
    List<Below> below(long pid) {
        List<Below> found = new ArrayList<>();
        Deque<Below> next = new ArrayDeque<>();
        children(pid, 1, found, next);
        // bounded by the table's size: readings at different moments must not loop on a reused pid
        while (!next.isEmpty() && found.size() < handles.size()) {
            Below current = next.poll();
            children(current.process().pid(), current.depth() + 1, found, next);
        }
        return found;
    }

    private void children(long parent, int depth, List<Below> found, Deque<Below> next) {
        for (long child : children.getOrDefault(parent, List.of())) {
            Below below = new Below(handles.get(child), depth);
            found.add(below);
            next.add(below);
        }
    }

    /** A process below another, {@code depth} levels down. */
    record Below(ProcessHandle process, int depth) {
    }
}
