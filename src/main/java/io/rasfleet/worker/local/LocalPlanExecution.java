package io.rasfleet.worker.local;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.PlanProcess;
import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.FetchedGeometry;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.LocalHost;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A plan running as a process tree on this machine; its folder is where the result is judged. */
final class LocalPlanExecution implements PlanExecution {

    private final PlanTask task;
    private final StagedPlan staged;
    private final PlanProcess process;
    private final Instant launchedAt;
    private final Runnable cleanup;

    private LocalPlanExecution(PlanTask task, StagedPlan staged, PlanProcess process, Instant launchedAt, Runnable cleanup) {
        this.task = task;
        this.staged = staged;
        this.process = process;
        this.launchedAt = launchedAt;
        this.cleanup = cleanup;
    }

    static LocalPlanExecution launch(WorkerSpec spec, Path program, PlanTask task, StagedPlan staged, String owner, Runnable cleanup) {
        Duration limit = spec.attemptLimit(task.timeLimit());
        Path messages = staged.file(task.plan().id().extension() + ".computeMsgs.txt");
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(program, staged.projectFile(), staged.planFile()),
                        staged.folder(), limit, staged.folder().resolve("rasfleet-launch.log"))
                .withPriority(spec.processPriority())
                .withEnvironment(java.util.Map.of(LocalWorker.OWNER_VARIABLE, owner))
                .following(() -> ComputeProgress.fromComputeMessages(messages), fraction -> {
                    if (task.progressListener() != null) {
                        task.progressListener().accept(fraction);
                    }
                }, Duration.ofSeconds(1));
        Instant launchedAt = Instant.now();
        return new LocalPlanExecution(task, staged, PlanProcess.start(launch), launchedAt, cleanup);
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        ProcessEnd end = process.await();
        String p = task.plan().id().extension();
        java.util.Map<String, Path> geometry = java.util.Map.of();
        if (end.exitedCleanly()) {
            try {
                geometry = FetchedGeometry.fetch(task, launchedAt, staged.folder(), FetchedGeometry.here(staged.folder()));
            } catch (java.io.IOException e) {
                throw new WorkerException("plan " + task.plan().id() + ": the geometry preprocessor's outputs in " + staged.folder()
                        + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new FetchedAttempt(task, LocalHost.name(), end, staged.file(p + ".hdf"), staged.file(p + ".computeMsgs.txt"), null,
                launchedAt, null, null, geometry);
    }

    @Override
    public void stop(String reason) {
        process.stop(reason);
    }

    @Override
    public ProcessRef process() {
        return process.pid() == null ? null : new ProcessRef(process.pid(), process.processStart());
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            cleanup.run();
        }
    }
}
