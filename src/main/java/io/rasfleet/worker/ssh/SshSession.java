package io.rasfleet.worker.ssh;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.StagingReport;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.linux.CachedStaging;
import io.rasfleet.worker.linux.ContentCache;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run on an SSH worker: the snapshot is built in {@code <server>/run-<id>/snapshot.part} from the
 * host's {@link ContentCache} (in {@code <worker_folder>/cache}, shared by every server and run
 * there), sending only the files it lacks, and renamed to {@code snapshot}, so that a cut staging is
 * never taken for a snapshot. Closing the session removes the run's folder; the cache stays,
 * bounded by {@code cache_limit_mb}.
 */
final class SshSession implements WorkerSession {


    private final SshWorker worker;
    private final SshTarget target;
    private final io.rasfleet.worker.WorkerRun run;
    private final ProjectSnapshot snapshot;
    private final String runFolder;
    private final List<String> files;
    private final StagingReport staging;

    private SshSession(SshWorker worker, SshTarget target, io.rasfleet.worker.WorkerRun run, String runFolder,
            StagingReport staging) {
        this.staging = staging;
        this.worker = worker;
        this.target = target;
        this.run = run;
        this.snapshot = run.snapshot();
        this.runFolder = runFolder;
        this.files = snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList();
    }

    static SshSession open(SshWorker worker, SshTarget target, io.rasfleet.worker.WorkerRun run) throws WorkerException {
        ProjectSnapshot snapshot = run.snapshot();
        String runFolder = worker.runFolder(run.server(), run.runId());
        String partial = runFolder + "/snapshot.part";
        String cache = ContentCache.folder(worker.spec().workerFolder());
        String batch = io.rasfleet.worker.ServerName.safe(run.server()) + "-run-" + run.runId() + "-"
                + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        StagingReport report;
        try (SshShell shell = SshShell.over(SshConnection.open(target))) {
            shell.require("rm -rf -- " + ShellWords.quote(partial), "removing " + partial);
            report = CachedStaging.stage(new HostSide(worker, target, shell), cache, partial, batch, run.runId(), snapshot,
                    worker.settings().cacheLimitBytes());
            String done = runFolder + "/snapshot";
            shell.require("rm -rf -- " + ShellWords.quote(done) + " && mv -- " + ShellWords.quote(partial) + " "
                    + ShellWords.quote(done), "renaming the snapshot");
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (ssh " + target + ") could not receive the project"
                    + " snapshot into " + partial + ": " + e.getMessage(), e);
        }
        return new SshSession(worker, target, run, runFolder, report);
    }

    /** The host's shell and SFTP, as the cache's staging uses them. */
    private record HostSide(SshWorker worker, SshTarget target, SshShell shell)
            implements CachedStaging.Side {

        @Override
        public String run(List<String> command, String what) throws IOException {
            return shell.output(command, what, Duration.ofMinutes(30));
        }

        @Override
        public long send(String folder, Map<String, java.nio.file.Path> files) throws IOException {
            return shell.send(folder, files);
        }

        @Override
        public String describe() {
            return "worker " + worker.spec().name() + " (ssh " + target + ")";
        }
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        LinuxEnginePlan.requireComputeInputs(task, files, worker.spec().name());
        String engine = worker.engine(task.plan());
        String folder = runFolder + "/" + task.folderName();
        SshEngineFolder engineFolder;
        try {
            engineFolder = SshEngineFolder.make(target, runFolder + "/snapshot", folder, worker.spec().autoclean());
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (ssh " + target + ") could not make " + folder
                    + " for plan " + task.plan().id() + ": " + e.getMessage(), e);
        }
        return LinuxEnginePlan.prepare(task, engineFolder, engine, snapshot.folder(),
                worker.spec(), run.attempt(task.folderName()).label());
    }

    /**
     * Follows the attempt whose folder ({@code run-<id>/pNN-aK}) a previous life of the server left
     * on the host, by the pid and exit files its launch keeps there; empty when the folder is gone,
     * nothing was launched in it, or its programs were killed without an exit code.
     */
    @Override
    public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
        String engine = worker.engine(task.plan());
        String folder = runFolder + "/" + task.folderName();
        java.util.Optional<SshEngineFolder> found;
        try {
            found = SshEngineFolder.find(target, folder, worker.spec().autoclean());
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (ssh " + target + ") could not look for " + folder
                    + " of plan " + task.plan().id() + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        return LinuxEnginePlan.adopt(task, found.get(), engine, snapshot.folder(), worker.spec(),
                run.attempt(task.folderName()).label()).map(PlanExecution.class::cast);
    }

    @Override
    public StagingReport staging() {
        return staging;
    }

    /** Hashed on the host, damaged cache entries purged: see {@link CachedStaging#held}. */
    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        String folder = runFolder + "/snapshot";
        try (SshShell shell = SshShell.over(SshConnection.open(target))) {
            return CachedStaging.held(new HostSide(worker, target, shell), ContentCache.folder(worker.spec().workerFolder()), folder,
                    snapshot);
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (ssh " + target + ") could not list what it holds of"
                    + " the project snapshot in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!worker.spec().autoclean()) {
            return;
        }
        try (SshConnection connection = SshConnection.open(target)) {
            connection.run("rm -rf -- " + ShellWords.quote(runFolder), Duration.ofMinutes(5));
        } catch (IOException e) {
            LOG.notRemoved(runFolder, target.host(), e);
        }
    }
}
