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

    /** What the launched program prints goes here, in the attempt's folder; its creation is the launch. */
    private static final String LAUNCH_LOG = "rasfleet-launch.log";

    private final PlanTask task;
    private final StagedPlan staged;
    /** The plan's process; null when it ended while the server was down (adopted after the fact). */
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
        Instant launchedAt = Instant.now();
        return new LocalPlanExecution(task, staged, PlanProcess.start(planLaunch(spec, program, task, staged, owner)), launchedAt,
                cleanup);
    }

    /**
     * Follows the plan process a previous life of this server launched in {@code staged}'s folder
     * ({@code root}, found by the folder its arguments name), or, when {@code root} is null, the end
     * it reached while the server was down: then its exit code is unknown and its result is judged
     * as it lies in the folder.
     */
    static LocalPlanExecution adopt(WorkerSpec spec, Path program, PlanTask task, StagedPlan staged, ProcessHandle root,
            Runnable cleanup) {
        Path log = staged.folder().resolve(LAUNCH_LOG);
        Instant launchedAt;
        try {
            launchedAt = root != null ? root.info().startInstant().orElse(null)
                    : java.nio.file.Files.readAttributes(log, java.nio.file.attribute.BasicFileAttributes.class).creationTime().toInstant();
        } catch (java.io.IOException e) {
            launchedAt = null;
        }
        PlanProcess process = root == null ? null : PlanProcess.adopt(planLaunch(spec, program, task, staged, null), root);
        return new LocalPlanExecution(task, staged, process, launchedAt, cleanup);
    }

    private static PlanLaunch planLaunch(WorkerSpec spec, Path program, PlanTask task, StagedPlan staged, String owner) {
        Duration limit = spec.attemptLimit(task.timeLimit());
        Path messages = staged.file(task.plan().id().extension() + ".computeMsgs.txt");
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(program, staged.projectFile(), staged.planFile()),
                        staged.folder(), limit, staged.folder().resolve(LAUNCH_LOG))
                .withPriority(spec.processPriority())
                .following(() -> ComputeProgress.fromComputeMessages(messages), fraction -> {
                    if (task.progressListener() != null) {
                        task.progressListener().accept(fraction);
                    }
                }, Duration.ofSeconds(1));
        return owner == null ? launch : launch.withEnvironment(java.util.Map.of(LocalWorker.OWNER_VARIABLE, owner));
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        ProcessEnd end = process != null ? process.await() : new ProcessEnd(ProcessEnd.How.EXITED, null, Duration.ZERO,
                "HEC-RAS ended while the server was down; its exit code is unknown");
        String p = task.plan().id().extension();
        java.util.Map<String, Path> geometry = java.util.Map.of();
        if (end.how() == ProcessEnd.How.EXITED && (end.exitCode() == null || end.exitCode() == 0)) {
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
        if (process != null) {
            process.stop(reason);
        }
    }

    @Override
    public ProcessRef process() {
        return process == null || process.pid() == null ? null : new ProcessRef(process.pid(), process.processStart());
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                process.close();
            }
        } finally {
            cleanup.run();
        }
    }
}
