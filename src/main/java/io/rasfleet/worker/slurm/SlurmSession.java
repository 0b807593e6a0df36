package io.rasfleet.worker.slurm;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.ServerName;
import io.rasfleet.worker.StagingReport;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.linux.CachedStaging;
import io.rasfleet.worker.linux.ContentCache;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run on a Slurm worker: the snapshot is built once in {@code <server>/run-<id>/snapshot.part}
 * from the cluster-side {@link ContentCache} (sending only the files it lacks) and renamed to
 * {@code snapshot}; each attempt is a batch job ({@link SlurmPlan}). The session's plans look at
 * their jobs through the server's one {@link JobWatch} of this worker, shared with its other runs;
 * closing the session removes the run's folder unless {@code autoclean} is off.
 */
final class SlurmSession implements WorkerSession {

    private final SlurmWorker worker;
    private final WorkerRun run;
    private final SubmitHost host;
    private final JobWatch watch;
    private final String runFolder;
    private final List<String> files;
    private final StagingReport staging;
    /** When the session opened: every job of a previous life is in any listing asked for since. */
    private final java.time.Instant openedAt;

    private SlurmSession(SlurmWorker worker, WorkerRun run, SubmitHost host, String runFolder, StagingReport staging,
            java.time.Instant openedAt) {
        this.worker = worker;
        this.run = run;
        this.host = host;
        this.watch = JobWatch.join(worker, run.server());
        this.runFolder = runFolder;
        this.files = run.snapshot().entries().stream().map(ProjectSnapshot.Entry::path).toList();
        this.staging = staging;
        this.openedAt = openedAt;
    }

    /**
     * Stages the run's snapshot anew; the attempts' folders beside it (and their jobs) are left as
     * they are, so that a restarted server's session finds its previous life's attempts there.
     */
    static SlurmSession open(SlurmWorker worker, WorkerRun run) throws WorkerException {
        java.time.Instant openedAt = java.time.Instant.now();
        String runFolder = worker.runFolder(run.server(), run.runId());
        String partial = runFolder + "/snapshot.part";
        String batch = ServerName.safe(run.server()) + "-run-" + run.runId() + "-" + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        SubmitHost host = null;
        try {
            host = worker.submitHost();
            Side side = new Side(worker, host);
            side.run(List.of("rm", "-rf", "--", partial), "removing " + partial);
            StagingReport report = CachedStaging.stage(side, ContentCache.folder(worker.spec().workerFolder()), partial, batch,
                    run.runId(), run.snapshot(), worker.settings().cacheLimitBytes());
            String done = runFolder + "/snapshot";
            side.run(List.of("sh", "-c", "rm -rf -- \"$1\" && mv -- \"$2\" \"$1\"", "sh", done, partial), "renaming the snapshot");
            return new SlurmSession(worker, run, host, runFolder, report, openedAt);
        } catch (IOException | RuntimeException e) {
            if (host != null) {
                host.close();
            }
            throw new WorkerException(worker.describe() + " could not receive the project snapshot into " + partial + ": "
                    + e.getMessage(), e);
        }
    }

    /** The submit host's commands and files, as the cache's staging uses them. */
    private record Side(SlurmWorker worker, SubmitHost host) implements CachedStaging.Side {
        @Override
        public String run(List<String> command, String what) throws IOException {
            return host.output(command, what, Duration.ofMinutes(30));
        }

        @Override
        public long send(String folder, Map<String, Path> files) throws IOException {
            return host.send(folder, files);
        }

        @Override
        public String describe() {
            return worker.describe();
        }
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        LinuxEnginePlan.requireComputeInputs(task, files, worker.spec().name());
        return SlurmPlan.submit(worker, watch, task, runFolder, run.attempt(task.folderName()), run.snapshot().folder());
    }

    /** The attempt's job as its launch left it: see {@link SlurmPlan#adopt}. */
    @Override
    public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
        return SlurmPlan.adopt(worker, watch, task, runFolder, run.attempt(task.folderName()), openedAt);
    }

    @Override
    public StagingReport staging() {
        return staging;
    }

    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        String folder = runFolder + "/snapshot";
        try {
            return CachedStaging.held(new Side(worker, host), ContentCache.folder(worker.spec().workerFolder()), folder, run.snapshot());
        } catch (IOException e) {
            throw new WorkerException(worker.describe() + " could not list what it holds of the project snapshot in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (worker.spec().autoclean()) {
                SubmitHost.Result removed = host.run(List.of("rm", "-rf", "--", runFolder), Duration.ofMinutes(5));
                if (!removed.ok()) {
                    LOG.notRemoved(runFolder, host.host(), new IOException(removed.output()));
                }
            }
        } catch (IOException e) {
            LOG.notRemoved(runFolder, host.host(), e);
        } finally {
            watch.close();
            host.close();
        }
    }
}
