package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        ProcessTree tree = new ProcessTree(root);
        tree.refresh();
        assertTrue(tree.killAll(java.time.Duration.ofSeconds(1)), "every process of the tree ended");
        assertEquals(0, launcher.alive + ras.alive + root.alive);
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
