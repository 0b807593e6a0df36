package io.rasfleet.worker.local;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run on the local worker: the snapshot copied under {@code <server>/run-<id>/snapshot} (a copy,
 * so that a project edited during the run does not change it), plans beside it. A plan's folder
 * takes the snapshot's large read-only inputs as hard links ({@link io.rasfleet.project.ReadOnlyInputs}),
 * every other file as a copy.
 */
final class LocalSession implements WorkerSession {


    private final LocalWorker worker;
    private final WorkerRun run;
    private final Path runFolder;
    private final Path cache;

    LocalSession(LocalWorker worker, WorkerRun run, Path runFolder, Path cache) {
        this.worker = worker;
        this.run = run;
        this.runFolder = runFolder;
        this.cache = cache;
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        Path program = worker.program(task.plan());
        Path folder = runFolder.resolve(task.folderName());
        StagedPlan staged;
        try {
            LocalStaging.deleteTree(folder);
            int shared = LocalStaging.stage(cache, folder, task.files(),
                    file -> io.rasfleet.project.ReadOnlyInputs.shareable(task.projectName(), file));
            if (shared > 0) {
                LOG.localStagingShared(run.runId(), worker.spec().name(), shared, task.files().size(), "hard links");
            }
            staged = StagedPlan.at(folder, task.projectName(), task.plan())
                    .setCores(task.cores())
                    .writeDetailed()
                    .removeStaleResults();
            if (task.forceGeometryPreprocessor()) {
                staged.forceGeometryPreprocessor();
            } else if (task.clearGeometryPreprocessor()) {
                staged.clearGeometryPreprocessor();
            }
        } catch (IOException | RuntimeException e) {
            cleanup(folder);
            throw new WorkerException("worker " + worker.spec().name() + " (local) could not stage plan "
                    + task.plan().id() + " into " + folder + ": " + e.getMessage(), e);
        }
        return LocalPlanExecution.launch(worker.spec(), program, task, staged, run.attempt(task.folderName()).label(),
                () -> cleanup(folder));
    }

    /**
     * The attempt's folder is found under the run's; its process by the folder its arguments name.
     * A process gone with no result left in the folder left nothing to follow.
     */
    @Override
    public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
        Path folder = runFolder.resolve(task.folderName());
        if (!java.nio.file.Files.isDirectory(folder)) {
            return java.util.Optional.empty();
        }
        StagedPlan staged = StagedPlan.at(folder, task.projectName(), task.plan());
        java.util.Optional<ProcessHandle> root = io.rasfleet.engine.Orphans.rootNaming(folder);
        if (root.isEmpty() && !java.nio.file.Files.isRegularFile(staged.file(task.plan().id().extension() + ".hdf"))) {
            cleanup(folder);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(LocalPlanExecution.adopt(worker.spec(), worker.program(task.plan()), task, staged,
                root.orElse(null), () -> cleanup(folder)));
    }

    private void cleanup(Path folder) {
        if (!worker.spec().autoclean()) {
            return;
        }
        try {
            LocalStaging.deleteTree(folder);
        } catch (IOException e) {
            LOG.notRemoved(folder.toString(), worker.host(), e);
        }
    }

    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        try {
            return ProjectSnapshot.filesUnder(cache);
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (local) could not read back its copy of the project"
                    + " snapshot in " + cache + ": " + e.getMessage(), e);
        }
    }

    /** The snapshot is copied on this machine: nothing crosses a network. */
    @Override
    public io.rasfleet.worker.StagingReport staging() {
        return io.rasfleet.worker.StagingReport.local(run.snapshot());
    }

    @Override
    public void close() {
        cleanup(runFolder);
    }
}
