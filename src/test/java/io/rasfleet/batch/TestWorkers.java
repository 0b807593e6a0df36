package io.rasfleet.batch;

import io.rasfleet.testing.WorkerForTests;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.ComputeInputsMaker;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.Preprocessed;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerUnreachableException;
import io.rasfleet.worker.ssh.SshLogin;
import io.rasfleet.worker.ssh.SshSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workers made for the batch layer's tests: each does one thing a real worker may do, and records what it was asked. */
final class TestWorkers {

    private TestWorkers() {
    }

    /** A Linux engine worker's settings (ssh), optionally with {@code preprocess_on_host}. */
    static WorkerSpec linuxSpec(String name, int slots, boolean preprocessOnHost) {
        return WorkerSpecs.of(name, new SshSettings("127.0.0.1", 22, "ras", new SshLogin("/nonexistent/key", null, null, null),
                "/opt/ras", null, null, preprocessOnHost)).cores(slots, 1).folder("/srv/rasfleet").build();
    }

    /** A worker whose every start fails on the machine's side (unreachable when asked), on host {@code host}. */
    static class Failing extends WorkerForTests {
        final WorkerSpec spec;
        final String host;
        final boolean unreachable;
        final List<PlanTask> started = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();

        Failing(WorkerSpec spec, String host, boolean unreachable) {
            super(spec, host);
            this.spec = spec;
            this.host = host;
            this.unreachable = unreachable;
        }

        /** What a start throws. */
        WorkerException failure(PlanTask task) {
            String why = "worker " + spec.name() + " on " + host + " could not stage plan " + task.plan().id();
            return new WorkerException(why, unreachable ? new WorkerUnreachableException(why, null) : null);
        }

        @Override
        public WorkerSession open(WorkerRun run) {
            return new WorkerSession() {
                @Override
                public PlanExecution start(PlanTask task) throws WorkerException {
                    started.add(task);
                    throw failure(task);
                }

                @Override
                public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
                    throw failure(task);
                }

                @Override
                public java.util.Map<String, io.rasfleet.project.ProjectSnapshot.Entry> snapshotHeld() {
                    // nothing is ever staged here: it holds exactly what was sent
                    return run.snapshot().entries().stream().collect(java.util.stream.Collectors.toMap(
                            io.rasfleet.project.ProjectSnapshot.Entry::path, e -> e));
                }

                @Override
                public io.rasfleet.worker.StagingReport staging() {
                    return io.rasfleet.worker.StagingReport.local(run.snapshot());
                }

                @Override
                public void close() {
                    closed.add("run-" + run.runId());
                }
            };
        }
    }

    /** A cluster whose nodes fail under the plan, one after another: then it fails as the worker it is. */
    static final class FailingNodes extends Failing {
        private final java.util.Deque<String> nodes;

        FailingNodes(WorkerSpec spec, String host, String... nodes) {
            super(spec, host, false);
            this.nodes = new java.util.ArrayDeque<>(List.of(nodes));
        }

        @Override
        WorkerException failure(PlanTask task) {
            String node = nodes.poll();
            return node == null ? super.failure(task)
                    : new io.rasfleet.worker.RetryHereException("node " + node + " of " + host + " failed under plan " + task.plan().id(),
                            node, null);
        }
    }

    /** A Windows-capable worker that preprocesses by {@code how}, counting its calls; it never computes a plan. */
    static final class Preprocessor extends WorkerForTests implements ComputeInputsMaker {
        interface How {
            Preprocessed make(PlanTask task, Path into) throws WorkerException, InterruptedException;
        }

        final WorkerSpec spec;
        final How how;
        final List<String> calls = new CopyOnWriteArrayList<>();

        Preprocessor(WorkerSpec spec, How how) {
            super(spec, "windows-host");
            this.spec = spec;
            this.how = how;
        }

        @Override
        public Preprocessed makeComputeInputs(PlanTask task, Path projectFolder, Path into) throws WorkerException, InterruptedException {
            calls.add(task.plan().id().digits());
            return how.make(task, into);
        }

        @Override
        public WorkerSession open(WorkerRun run) throws WorkerException {
            throw new WorkerException("worker " + spec.name() + " only preprocesses in these tests", null);
        }
    }

    /**
     * A real worker whose records say it runs on another machine ({@code host}): as with a remote
     * worker, a peer server cannot reach its processes, and a pid it recorded means nothing here.
     */
    static final class Elsewhere extends WorkerForTests {
        private final io.rasfleet.worker.Worker real;

        Elsewhere(io.rasfleet.worker.Worker real, String host) {
            super(real.spec(), host);
            this.real = real;
        }

        @Override
        public WorkerSession open(WorkerRun run) throws WorkerException {
            return real.open(run);
        }
    }
}
