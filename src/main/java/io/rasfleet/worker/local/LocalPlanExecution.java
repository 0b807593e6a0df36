package io.rasfleet.worker.local;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.PlanProcess;
import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.PlanVerification;
import io.rasfleet.worker.WorkerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/** A plan running as a process tree on this machine. */
final class LocalPlanExecution implements PlanExecution {

    private final PlanTask task;
    private final StagedPlan staged;
    private final PlanProcess process;
    private final PlanVerification verification;
    private final Runnable cleanup;
    private volatile double progress = Double.NaN;

    private LocalPlanExecution(PlanTask task, StagedPlan staged, PlanProcess process, PlanVerification verification,
            Runnable cleanup) {
        this.task = task;
        this.staged = staged;
        this.process = process;
        this.verification = verification;
        this.cleanup = cleanup;
    }

    static LocalPlanExecution launch(WorkerSpec spec, PlanTask task, StagedPlan staged, Path projectFolder, Runnable cleanup) {
        Duration limit = spec.maxRuntimeMinutes() == null ? task.timeLimit()
                : min(task.timeLimit(), Duration.ofMinutes(spec.maxRuntimeMinutes()));
        Path messages = staged.file(task.plan().id().extension() + ".computeMsgs.txt");
        LocalPlanExecution[] self = new LocalPlanExecution[1];
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(Path.of(spec.rasExePath()), staged.projectFile(), staged.planFile()),
                        staged.folder(), limit, staged.folder().resolve("rasfleet-launch.log"))
                .withPriority(spec.processPriority())
                .following(() -> ComputeProgress.fromComputeMessages(messages), fraction -> {
                    if (self[0] != null) {
                        self[0].progress = fraction;
                    }
                    if (task.progressListener() != null) {
                        task.progressListener().accept(fraction);
                    }
                }, Duration.ofSeconds(1));
        PlanVerification verification = new PlanVerification("localhost", staged, projectFolder);
        PlanProcess process = PlanProcess.start(launch);
        self[0] = new LocalPlanExecution(task, staged, process, verification, cleanup);
        return self[0];
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public AttemptOutcome await() throws InterruptedException {
        ProcessEnd end = process.await();
        return verification.outcome(end, task.plan().id());
    }

    @Override
    public void stop(String reason) {
        process.stop(reason);
    }

    @Override
    public OptionalDouble progress() {
        return Double.isNaN(progress) ? OptionalDouble.empty() : OptionalDouble.of(progress);
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

    StagedPlan staged() {
        return staged;
    }
}
