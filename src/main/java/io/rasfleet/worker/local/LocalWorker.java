package io.rasfleet.worker.local;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plans run on this machine, in folders under {@code worker_folder}: one snapshot per run, one
 * folder per plan attempt made from it.
 */
public final class LocalWorker implements Worker, io.rasfleet.worker.ComputeInputsMaker {

    /** Free space below which a check fails: a HEC-RAS result alone can take gigabytes. */
    static final long LOW_DISK_BYTES = 1L << 30;

    private final WorkerSpec spec;

    public LocalWorker(WorkerSpec spec) {
        this.spec = spec;
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    /** This type's own settings. */
    LocalSettings settings() {
        return spec.settings(LocalSettings.class);
    }

    /**
     * Ends a plan process a previous life of this server left running (recorded pid and start);
     * false when it is gone already.
     */
    public static boolean endOrphan(long pid, java.time.Instant started) {
        return io.rasfleet.engine.Orphans.kill(pid, started);
    }

    /** Ends plan processes left in this worker's folders by a server that died; returns how many. */
    @Override
    public int endAbandoned() {
        return io.rasfleet.engine.Orphans.killAbandonedUnder(folder());
    }

    @Override
    public int endAttempt(long runId, String folderName) {
        return io.rasfleet.engine.Orphans.killAbandonedUnder(folder().resolve("run-" + runId).resolve(folderName));
    }

    Path folder() {
        return Path.of(spec.workerFolder()).toAbsolutePath().normalize();
    }

    @Override
    public CheckReport check() {
        List<CheckReport.Item> items = new ArrayList<>();
        Path folder = folder();
        try {
            Files.createDirectories(folder);
            Path probe = folder.resolve(".rasfleet-probe-" + UUID.randomUUID());
            Files.writeString(probe, "probe");
            Files.delete(probe);
            items.add(new CheckReport.Item("worker_folder", true, folder + " is writable"));
            long free = Files.getFileStore(folder).getUsableSpace();
            items.add(new CheckReport.Item("free disk", free >= LOW_DISK_BYTES,
                    String.format("%.1f GiB free in %s", free / (double) (1L << 30), folder)));
        } catch (IOException e) {
            items.add(new CheckReport.Item("worker_folder", false, folder + " cannot be written: " + e.getMessage()));
        }
        Path ras = Path.of(settings().rasExePath());
        items.add(Files.isRegularFile(ras) && Files.isExecutable(ras)
                ? new CheckReport.Item("ras_exe_path", true, ras + " is an executable program")
                : new CheckReport.Item("ras_exe_path", false, ras + (Files.exists(ras) ? " is not executable" : " does not exist")));
        return new CheckReport(spec.name(), items);
    }

    @Override
    public WorkerSession open(long runId, ProjectSnapshot snapshot) throws WorkerException {
        Path runFolder = folder().resolve("run-" + runId);
        Path cache = runFolder.resolve("snapshot");
        try {
            LocalStaging.deleteTree(cache);
            LocalStaging.copy(snapshot.folder(), cache, snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList());
        } catch (IOException e) {
            throw new WorkerException("worker " + spec.name() + " (local) could not stage the project snapshot into "
                    + cache + ": " + e.getMessage(), e);
        }
        return new LocalSession(this, snapshot, runFolder, cache);
    }

    /**
     * Runs the plan with this worker's {@code ras_exe_path} (the Windows command line) in a staged
     * copy under {@code into}, only until its compute inputs exist.
     */
    @Override
    public java.util.Map<String, Path> makeComputeInputs(io.rasfleet.worker.PlanTask task, Path projectFolder, Path into)
            throws WorkerException {
        try {
            LocalStaging.deleteTree(into);
            LocalStaging.copy(projectFolder, into, task.files());
            io.rasfleet.project.StagedPlan staged = io.rasfleet.project.StagedPlan.at(into, task.projectName(), task.plan())
                    .removeStaleResults();
            java.util.Map<String, Path> made = new java.util.LinkedHashMap<>();
            for (Path file : io.rasfleet.engine.ComputeInputsRun.make(Path.of(settings().rasExePath()), staged, task.projectName(),
                    task.timeLimit(), spec.processPriority())) {
                made.put(file.getFileName().toString(), file);
            }
            return made;
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + spec.name() + " (local) could not make the compute inputs of plan "
                    + task.plan().id() + " for the Linux engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("making the compute inputs of plan " + task.plan().id() + " was interrupted", e);
        }
    }
}
