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

    /** The environment variable that names a plan process's server and attempt ({@code server/run-7/p01-a2}). */
    static final String OWNER_VARIABLE = "RASFLEET_ATTEMPT";

    /** Free space below which a check fails: a HEC-RAS result alone can take gigabytes. */
    static final long LOW_DISK_BYTES = 1L << 30;

    /** What a version folder holds: {@code Ras.exe}, or on Linux a launcher of that name without the suffix. */
    private static final List<String> PROGRAMS = List.of("Ras.exe", "Ras");

    private final WorkerSpec spec;
    private final io.rasfleet.worker.RasInstalls installs;

    public LocalWorker(WorkerSpec spec) {
        this.spec = spec;
        this.installs = new io.rasfleet.worker.RasInstalls(spec.name(), settings().rasVersion(), settings().installRoots(),
                LocalWorker::versionFolders, java.io.File.separator, "");
    }

    /** The program that computes {@code plan}: {@code ras_exe_path}, or HEC-RAS of the plan's version found on this machine. */
    Path program(io.rasfleet.project.Plan plan) throws WorkerException {
        if (settings().rasExePath() != null) {
            return Path.of(settings().rasExePath());
        }
        Path folder = Path.of(installs.programFor(null, plan));
        return PROGRAMS.stream().map(folder::resolve).filter(Files::isExecutable).findFirst().orElse(folder.resolve(PROGRAMS.get(0)));
    }

    private static List<String> versionFolders(String root) throws IOException {
        Path folder = Path.of(root);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var children = Files.list(folder)) {
            return children.filter(child -> PROGRAMS.stream().map(child::resolve)
                            .anyMatch(program -> Files.isRegularFile(program) && Files.isExecutable(program)))
                    .map(child -> child.getFileName().toString()).sorted().toList();
        }
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

    /**
     * Ends plan processes left in this server's folders by its previous life; returns how many. A
     * process is ended only when it names an attempt's (or a run's) folder and that attempt is not
     * live: a live one is usually this JVM's child, and so not an orphan anyway, but a process of a
     * live attempt that lost its parent is still not the previous life's.
     */
    @Override
    public int endAbandoned(String server, java.util.function.Predicate<io.rasfleet.worker.AttemptRef> live) {
        return io.rasfleet.engine.Orphans.killAbandonedUnder(folder().resolve(io.rasfleet.worker.ServerName.safe(server)),
                below -> io.rasfleet.worker.AttemptRef.under(server, below).map(live::test).orElse(true));
    }

    @Override
    public int endAttempt(io.rasfleet.worker.AttemptRef attempt) {
        return io.rasfleet.engine.Orphans.killAbandonedUnder(runFolder(attempt.server(), attempt.runId())
                .resolve(attempt.folderName()));
    }

    @Override
    public String host() {
        return io.rasfleet.worker.LocalHost.name();
    }

    Path folder() {
        return Path.of(spec.workerFolder()).toAbsolutePath().normalize();
    }

    /** Where one server keeps one run: servers sharing a machine and a worker_folder stay apart. */
    Path runFolder(String server, long runId) {
        return folder().resolve(server).resolve("run-" + runId);
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
        if (settings().rasExePath() == null) {
            items.add(installs.check());
            return new CheckReport(spec.name(), items);
        }
        Path ras = Path.of(settings().rasExePath());
        items.add(Files.isRegularFile(ras) && Files.isExecutable(ras)
                ? new CheckReport.Item("ras_exe_path", true, ras + " is an executable program")
                : new CheckReport.Item("ras_exe_path", false, ras + (Files.exists(ras) ? " is not executable" : " does not exist")));
        return new CheckReport(spec.name(), items);
    }

    @Override
    public WorkerSession open(io.rasfleet.worker.WorkerRun run) throws WorkerException {
        ProjectSnapshot snapshot = run.snapshot();
        Path runFolder = runFolder(run.server(), run.runId());
        Path cache = runFolder.resolve("snapshot");
        try {
            LocalStaging.deleteTree(cache);
            LocalStaging.copy(snapshot.folder(), cache, snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList());
        } catch (IOException e) {
            throw new WorkerException("worker " + spec.name() + " (local) could not stage the project snapshot into "
                    + cache + ": " + e.getMessage(), e);
        }
        return new LocalSession(this, run, runFolder, cache);
    }

    /**
     * Runs the plan with this worker's {@code ras_exe_path} (the Windows command line) in a staged
     * copy under {@code into}, only until its compute inputs exist. HEC-RAS that ends without
     * writing them has answered for the model; failing to run it at all is this machine's failure.
     */
    @Override
    public io.rasfleet.worker.Preprocessed makeComputeInputs(io.rasfleet.worker.PlanTask task, Path projectFolder, Path into)
            throws WorkerException, InterruptedException {
        io.rasfleet.project.StagedPlan staged;
        try {
            LocalStaging.deleteTree(into);
            LocalStaging.copy(projectFolder, into, task.files());
            staged = io.rasfleet.project.StagedPlan.at(into, task.projectName(), task.plan()).removeStaleResults();
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + spec.name() + " (local) could not stage plan " + task.plan().id()
                    + " for preprocessing into " + into + ": " + e.getMessage(), e);
        }
        try {
            java.util.Map<String, Path> made = new java.util.LinkedHashMap<>();
            for (Path file : io.rasfleet.engine.ComputeInputsRun.make(program(task.plan()), staged, task.projectName(),
                    task.timeLimit(), spec.processPriority())) {
                made.put(file.getFileName().toString(), file);
            }
            return io.rasfleet.worker.Preprocessed.made(host(), made);
        } catch (io.rasfleet.engine.ComputeInputsRun.NotWrittenException e) {
            return io.rasfleet.worker.Preprocessed.failed(host(), e.getMessage(), io.rasfleet.worker.PlanVerification.readText(
                    staged.file(task.plan().id().extension() + ".computeMsgs.txt")));
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + spec.name() + " (local) could not run the preprocessing of plan "
                    + task.plan().id() + " for the Linux engine: " + e.getMessage(), e);
        }
    }
}
