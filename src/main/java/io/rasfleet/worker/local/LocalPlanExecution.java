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

/** A plan running as a process tree on this machine. */
final class LocalPlanExecution implements PlanExecution {

    private final PlanTask task;
    private final PlanProcess process;
    private final PlanVerification verification;
    private final Runnable cleanup;

    private LocalPlanExecution(PlanTask task, PlanProcess process, PlanVerification verification, Runnable cleanup) {
        this.task = task;
        this.process = process;
        this.verification = verification;
        this.cleanup = cleanup;
    }

    static LocalPlanExecution launch(WorkerSpec spec, PlanTask task, StagedPlan staged, Path projectFolder, Runnable cleanup) {
        Duration limit = spec.attemptLimit(task.timeLimit());
        Path messages = staged.file(task.plan().id().extension() + ".computeMsgs.txt");
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(Path.of(spec.settings(LocalSettings.class).rasExePath()), staged.projectFile(), staged.planFile()),
                        staged.folder(), limit, staged.folder().resolve("rasfleet-launch.log"))
                .withPriority(spec.processPriority())
                .following(() -> ComputeProgress.fromComputeMessages(messages), fraction -> {
                    if (task.progressListener() != null) {
                        task.progressListener().accept(fraction);
                    }
                }, Duration.ofSeconds(1));
        PlanVerification verification = new PlanVerification("localhost", staged, projectFolder);
        return new LocalPlanExecution(task, PlanProcess.start(launch), verification, cleanup);
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
