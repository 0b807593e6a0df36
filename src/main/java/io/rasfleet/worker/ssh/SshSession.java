package io.rasfleet.worker.ssh;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import io.rasfleet.worker.linux.SnapshotListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.sshd.sftp.client.SftpClient;

/**
 * One run on an SSH worker: the snapshot goes up once, into {@code <server>/run-<id>/snapshot} through a
 * temporary name and a rename, so that a cut upload is never taken for a snapshot.
 */
final class SshSession implements WorkerSession {


    private final SshWorker worker;
    private final SshTarget target;
    private final io.rasfleet.worker.WorkerRun run;
    private final ProjectSnapshot snapshot;
    private final String runFolder;
    private final List<String> files;

    private SshSession(SshWorker worker, SshTarget target, io.rasfleet.worker.WorkerRun run, String runFolder) {
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
        try (SshConnection connection = SshConnection.open(target)) {
            connection.require("rm -rf -- " + ShellWords.quote(partial) + " && mkdir -p -- " + ShellWords.quote(partial),
                    "making " + partial);
            try (SftpClient sftp = connection.sftp()) {
                TreeSet<String> made = new TreeSet<>();
                for (ProjectSnapshot.Entry entry : snapshot.entries()) {
                    String remote = partial + "/" + entry.path();
                    String parent = remote.substring(0, remote.lastIndexOf('/'));
                    if (!parent.equals(partial) && made.add(parent)) {
                        connection.require("mkdir -p -- " + ShellWords.quote(parent), "making " + parent);
                    }
                    try (InputStream in = Files.newInputStream(snapshot.folder().resolve(entry.path()));
                         OutputStream out = sftp.write(remote)) {
                        in.transferTo(out);
                    }
                }
            }
            String done = runFolder + "/snapshot";
            connection.require("rm -rf -- " + ShellWords.quote(done) + " && mv -- " + ShellWords.quote(partial) + " "
                    + ShellWords.quote(done), "renaming the snapshot");
        } catch (IOException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (ssh " + target + ") could not receive the project"
                    + " snapshot into " + partial + ": " + e.getMessage(), e);
        }
        return new SshSession(worker, target, run, runFolder);
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

    /** One command on the host hashes its copy there: nothing of the snapshot travels back. */
    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        String folder = runFolder + "/snapshot";
        try (SshConnection connection = SshConnection.open(target)) {
            return SnapshotListing.parse(connection.output(ShellWords.join(SnapshotListing.command(folder)),
                    "listing the snapshot's sizes and SHA-256", Duration.ofMinutes(30)));
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
