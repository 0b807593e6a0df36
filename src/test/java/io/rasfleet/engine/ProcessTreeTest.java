package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plan's process tree is read while its processes come and go. Seen in CI: a launcher's child
 * whose parent ended between "is there a parent?" and "which?" threw NoSuchElementException out of
 * the watch, and that tick's progress was lost ("following Ras failed").
 */
class ProcessTreeTest {

    @Test
    void aParentThatEndsWhileTheTreeIsReadIsNoFailure() {
        Fake root = new Fake(1, null);
        Fake launcher = new Fake(2, root);
        Fake ras = new Fake(3, launcher) {
            private final AtomicInteger asked = new AtomicInteger();

            @Override
            public Optional<ProcessHandle> parent() {
                // present when first asked, gone when asked again: the launcher ended in between
                return asked.getAndIncrement() == 0 ? super.parent() : Optional.empty();
            }
        };
        root.below = new Fake[] {launcher, ras};
        ProcessTree tree = new ProcessTree(root, age -> ProcessTable.of(Stream.of(root, launcher, ras)));
        tree.refresh();
        assertTrue(tree.killAll(java.time.Duration.ofSeconds(1)), "every process of the tree ended");
        assertEquals(0, launcher.alive + ras.alive + root.alive);
    }

    @Test
    void aReadingGivesEveryProcessBelowWithItsDepthParentsFirst() {
        Fake root = new Fake(10, null);
        Fake launcher = new Fake(11, root);
        Fake ras = new Fake(12, launcher);
        Fake compute = new Fake(13, ras);
        Fake stranger = new Fake(20, null);
        ProcessTable table = ProcessTable.of(Stream.of(compute, stranger, ras, root, launcher));
        assertEquals(List.of("11@1", "12@2", "13@3"), table.below(10).stream().map(b -> b.process().pid() + "@" + b.depth()).toList());
        assertEquals(List.of(), table.below(20));
    }

    @Test
    void aChildWhoseParentDiedIsStillEndedByTheTreeThatSawIt() {
        Fake root = new Fake(1, null);
        Fake launcher = new Fake(2, root);
        Fake ras = new Fake(3, launcher);
        List<ProcessHandle> processes = new java.util.ArrayList<>(List.of(root, launcher, ras));
        ProcessTree tree = new ProcessTree(root, age -> ProcessTable.of(List.copyOf(processes).stream()));
        tree.refresh();
        // the launcher ends: Ras.exe is init's now, below nothing the tree knows
        launcher.alive = 0;
        processes.clear();
        processes.addAll(List.of(root, new Fake(3, null)));
        assertTrue(tree.killAll(java.time.Duration.ofSeconds(1)));
        assertEquals(0, root.alive + ras.alive);
        assertEquals(List.of(1L, 2L, 3L), tree.pids());
    }

    @Test
    void treesWatchingAtOnceShareOneReadingOfTheMachinesProcesses() {
        ProcessTable first = ProcessTable.recent(java.time.Duration.ofMinutes(1));
        assertSame(first, ProcessTable.recent(java.time.Duration.ofMinutes(1)), "read again within its age");
        ProcessTable fresh = ProcessTable.recent(java.time.Duration.ZERO);
        assertNotSame(first, fresh, "a reading asked with no age is made anew");
        assertSame(fresh, ProcessTable.recent(java.time.Duration.ofMinutes(1)), "and kept for the others");
        long me = ProcessHandle.current().pid();
        assertTrue(ProcessTable.of(Stream.of(ProcessHandle.current().parent().orElseThrow(), ProcessHandle.current()))
                .below(ProcessHandle.current().parent().orElseThrow().pid()).stream().anyMatch(b -> b.process().pid() == me));
    }

    /** A process of the test's own making: its pid, its parent, what is below it, alive until destroyed. */
    private static class Fake implements ProcessHandle {
        private final long pid;
        private final Fake parent;
        Fake[] below = {};
        int alive = 1;

        Fake(long pid, Fake parent) {
            this.pid = pid;
            this.parent = parent;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Optional<ProcessHandle> parent() {
            return Optional.ofNullable(parent);
        }

        @Override
        public Stream<ProcessHandle> children() {
            return Stream.of(below);
        }

        @Override
        public Stream<ProcessHandle> descendants() {
            return Stream.of(below);
        }

        @Override
        public Info info() {
            throw new UnsupportedOperationException("not asked by the tree");
        }

        @Override
        public CompletableFuture<ProcessHandle> onExit() {
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public boolean supportsNormalTermination() {
            return true;
        }

        @Override
        public boolean destroy() {
            alive = 0;
            return true;
        }

        @Override
        public boolean destroyForcibly() {
            alive = 0;
            return true;
        }

        @Override
        public boolean isAlive() {
            return alive == 1;
        }

        @Override
        public int compareTo(ProcessHandle other) {
            return Long.compare(pid, other.pid());
        }
    }
}
