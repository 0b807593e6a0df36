package io.rasfleet.worker.psexec;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.SmbShare;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.StagingReport;
import io.rasfleet.worker.WorkerSession;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run on a Windows worker: the snapshot is built in {@code rasfleet\<server>\run-<id>\snapshot.part}
 * on the share from its {@link ShareCache} (only files the cache lacks are sent), complete only when
 * renamed to {@code snapshot}; each plan's folder is copied from it by the SMB server.
 */
final class PsExecSession implements WorkerSession {


    private final PsExecWorker worker;
    private final ProjectSnapshot snapshot;
    private final String runFolder;
    private final io.rasfleet.worker.WorkerRun run;

    private final StagingReport staging;

    private PsExecSession(PsExecWorker worker, io.rasfleet.worker.WorkerRun run, ProjectSnapshot snapshot, String runFolder,
            StagingReport staging) {
        this.run = run;
        this.staging = staging;
        this.worker = worker;
        this.snapshot = snapshot;
        this.runFolder = runFolder;
    }

    static PsExecSession open(PsExecWorker worker, io.rasfleet.worker.WorkerRun run) throws WorkerException {
        ProjectSnapshot snapshot = run.snapshot();
        String runFolder = worker.runFolderInShare(run.server(), run.runId());
        String partial = runFolder + "\\snapshot.part";
        StagingReport staging;
        try (SmbShare smb = worker.connect()) {
            smb.deleteTree(partial);
            smb.mkdirs(partial);
            staging = new ShareCache(smb, worker.cacheInShare(), describe(worker)).stage(run.runId(), snapshot, partial,
                    worker.settings().cacheLimitBytes());
            smb.deleteTree(runFolder + "\\snapshot");
            smb.rename(partial, runFolder + "\\snapshot");
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (" + worker.share() + ") could not receive the project"
                    + " snapshot: " + e.getMessage(), e);
        }
        return new PsExecSession(worker, run, snapshot, runFolder, staging);
    }

    private static String describe(PsExecWorker worker) {
        return "worker " + worker.spec().name() + " (" + worker.share() + ")";
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        return PsExecPlan.start(worker, task, runFolder, run.attempt(task.folderName()));
    }

    /**
     * The attempt's work found by its folder on the share ({@link PsExecPlan#adopt}); opening this
     * session anew touched only the run's {@code snapshot} folder, never an attempt's.
     */
    @Override
    public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
        return PsExecPlan.adopt(worker, task, runFolder).map(PlanExecution.class::cast);
    }

    @Override
    public StagingReport staging() {
        return staging;
    }

    /**
     * Sizes as the share reports them; each SHA-256 by reading the file back over SMB, so the whole
     * snapshot travels back once per run. Hashing on the machine (PowerShell's Get-FileHash through
     * PsExec) would spare that traffic; it is left for later.
     */
    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        String folder = runFolder + "\\snapshot";
        try (SmbShare smb = worker.connect()) {
            Map<String, ProjectSnapshot.Entry> held = new TreeMap<>();
            for (Map.Entry<String, Long> file : smb.snapshotFiles().files(folder).entrySet()) {
                String sha256 = smb.snapshotFiles().read(folder + "\\" + file.getKey().replace('/', '\\'), ProjectSnapshot::sha256);
                held.put(file.getKey(), new ProjectSnapshot.Entry(file.getKey(), file.getValue(), sha256));
            }
            java.util.List<String> wrong = io.rasfleet.worker.SnapshotProof.wrongContents(snapshot, held);
            if (!wrong.isEmpty()) {
                new ShareCache(smb, worker.cacheInShare(), describe(worker)).purge(wrong);
            }
            return held;
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (" + worker.share() + ") could not read back its copy"
                    + " of the project snapshot in " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!worker.spec().autoclean()) {
            return;
        }
        try (SmbShare smb = worker.connect()) {
            smb.deleteTree(runFolder);
        } catch (IOException e) {
            LOG.notRemoved(worker.share() + "\\" + runFolder, worker.share().host(), e);
        }
    }
}
