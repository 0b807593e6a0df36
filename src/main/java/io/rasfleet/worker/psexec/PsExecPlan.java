package io.rasfleet.worker.psexec;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.PlanProcess;
import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.transfer.SmbShare;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.FetchedGeometry;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.PlanVerification;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerUnreachableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A plan on a Windows machine: its folder copied from the run's snapshot on the share, its plan
 * file edited here and put back, Ras.exe started through PsExec under the time limit while the
 * compute messages are read over SMB, the result fetched with the share's times to be judged on
 * the app server. A time-out or stop ends
 * the local PsExec and, through a second PsExec, the plan's processes on the machine.
 */
final class PsExecPlan implements PlanExecution {

    private static final String LAUNCH_MARKER = ".rasfleet-launched";

    private final PsExecWorker worker;
    private final PlanTask task;
    private final SmbShare smb;
    private final String folderInShare;
    private final String localFolder;
    private final Path local;
    private final StagedPlan staged;
    private final Path psexec;
    private final String rasExe;
    /** PsExec's service for this launch ({@code -r}), its own so that parallel launches to one machine never share one. */
    private final String service;
    private PlanProcess process;
    private java.time.Instant launchedAt;

    private PsExecPlan(PsExecWorker worker, PlanTask task, SmbShare smb, String folderInShare, Path local, StagedPlan staged,
            Path psexec, String rasExe, String service) {
        this.worker = worker;
        this.service = service;
        this.rasExe = rasExe;
        this.task = task;
        this.smb = smb;
        this.folderInShare = folderInShare;
        this.localFolder = worker.localPath(folderInShare);
        this.local = local;
        this.staged = staged;
        this.psexec = psexec;
    }

    static PsExecPlan start(PsExecWorker worker, PlanTask task, String runFolder, io.rasfleet.worker.AttemptRef attempt)
            throws WorkerException {
        Path psexec = worker.psexec();
        String rasExe = worker.program(task.plan());
        String folder = runFolder + "\\" + task.folderName();
        SmbShare smb = null;
        Path local = null;
        try {
            smb = worker.connect();
            smb.deleteTree(folder);
            smb.mkdirs(folder);
            for (String file : task.files()) {
                String target = folder + "\\" + file.replace('/', '\\');
                smb.mkdirs(target.substring(0, target.lastIndexOf('\\')));
                smb.copy(runFolder + "\\snapshot\\" + file.replace('/', '\\'), target);
            }
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            String planName = task.plan().planFile().getFileName().toString();
            Files.copy(task.plan().planFile(), local.resolve(planName));
            StagedPlan staged = StagedPlan.at(local, task.projectName(), task.plan()).setCores(task.cores()).writeDetailed();
            smb.upload(staged.planFile(), folder + "\\" + planName);
            if (task.clearGeometryPreprocessor() && task.plan().geometryDigits() != null) {
                smb.delete(folder + "\\" + task.projectName() + ".c" + task.plan().geometryDigits());
                if (task.forceGeometryPreprocessor()) {
                    smb.delete(folder + "\\" + task.projectName() + ".g" + task.plan().geometryDigits() + ".hdf");
                }
            }
            PsExecPlan plan = new PsExecPlan(worker, task, smb, folder, local, staged, psexec, rasExe,
                    PsExecCommands.launchService(attempt, task.plan().id().digits()));
            plan.launchedAt = plan.markLaunch();
            plan.launch();
            return plan;
        } catch (IOException | RuntimeException e) {
            if (smb != null) {
                cleanQuietly(worker, smb, folder);
                smb.close();
            }
            LocalStaging.deleteQuietly(local);
            throw new WorkerException("worker " + worker.spec().name() + " (" + worker.share() + ") could not stage plan "
                    + task.plan().id() + ": " + e.getMessage(), e instanceof WorkerUnreachableException
                    || e instanceof io.rasfleet.transfer.SmbUnreachableException ? new WorkerUnreachableException(e.getMessage(), e) : e);
        }
    }

    /** Writes a marker into the plan's folder: its time on the share is the launch on the machine's clock. */
    private java.time.Instant markLaunch() throws IOException {
        Path marker = local.resolve(LAUNCH_MARKER);
        Files.writeString(marker, task.folderName());
        smb.upload(marker, folderInShare + "\\" + LAUNCH_MARKER);
        java.time.Instant at = smb.modified(folderInShare + "\\" + LAUNCH_MARKER);
        if (at == null) {
            throw new IOException("the launch marker vanished from " + worker.share() + "\\" + folderInShare);
        }
        return at;
    }

    private void launch() {
        PsExecCommands.Login login = worker.login();
        try {
            String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
            Path progressCopy = local.resolve("progress.computeMsgs.txt");
            List<String> command = PsExecCommands.launch(psexec.toString(), worker.share().host(),
                    login == null ? null : login.user(), service, worker.settings().sessionId(), worker.spec().processPriority(),
                    localFolder, rasExe, task.projectName() + ".prj", task.plan().planFile().getFileName().toString());
            Duration limit = worker.spec().attemptLimit(task.timeLimit());
            PlanLaunch launch = PlanLaunch.of(command, local, limit, local.resolve("psexec.log"))
                    .following(() -> progress(messages, progressCopy), fraction -> {
                        if (task.progressListener() != null) {
                            task.progressListener().accept(fraction);
                        }
                    }, Duration.ofSeconds(2));
            if (login != null) {
                // written before start() returns: the characters are cleared below
                launch = launch.withInput(PsExecCommands.password(login.password()));
            }
            process = PlanProcess.start(launch);
        } finally {
            if (login != null) {
                Arrays.fill(login.password(), '\0');
            }
        }
    }

    private OptionalDouble progress(String messages, Path copy) {
        try {
            return smb.download(folderInShare + "\\" + messages, copy) ? ComputeProgress.fromComputeMessages(copy)
                    : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        ProcessEnd end = process.await();
        String host = worker.share().host();
        if (end.how() == ProcessEnd.How.TIMED_OUT || end.how() == ProcessEnd.How.STOPPED) {
            killRemote();
        }
        String p = task.plan().id().extension();
        String output = PlanVerification.readText(local.resolve("psexec.log"));
        String printed = output == null || output.isBlank() ? null : "---- PsExec printed ----\n" + output.strip();
        String result = folderInShare + "\\" + task.projectName() + "." + p + ".hdf";
        java.time.Instant writtenAt = null;
        java.util.Map<String, Path> geometry = java.util.Map.of();
        try {
            smb.download(folderInShare + "\\" + task.projectName() + "." + p + ".computeMsgs.txt", staged.file(p + ".computeMsgs.txt"));
            if (end.how() == ProcessEnd.How.EXITED && end.exitCode() != null && end.exitCode() != 0) {
                String advice = PsExecErrors.explain(end.exitCode(), output);
                if (advice != null) {
                    throw new WorkerException("PsExec on " + host + ": " + advice,
                            new WorkerUnreachableException("PsExec on " + host + ": " + advice, null), printed);
                }
            }
            if (end.exitedCleanly() && smb.download(result, staged.file(p + ".hdf"))) {
                writtenAt = smb.modified(result);
                geometry = FetchedGeometry.fetch(task, launchedAt, staged.folder(),
                        FetchedGeometry.at(folderInShare + "\\", smb::modified, smb::download));
            }
        } catch (IOException e) {
            throw new WorkerException("the share " + worker.share() + " was lost: " + e.getMessage(),
                    new WorkerUnreachableException("the share " + worker.share() + " was lost: " + e.getMessage(), e), printed);
        }
        return new FetchedAttempt(task, host, end, staged.file(p + ".hdf"), staged.file(p + ".computeMsgs.txt"), null, launchedAt,
                writtenAt, printed, geometry);
    }

    /** Ends the plan's processes on the machine: ending the local PsExec leaves Ras.exe running there. */
    private void killRemote() {
        try {
            PsExecCall call = PsExecCall.run(worker, login -> PsExecCommands.killTree(psexec.toString(), worker.share().host(), login,
                    List.of(localFolder)), Duration.ofMinutes(2));
            if (!call.end().exitedCleanly()) {
                LOG.remoteKillFailed(task.plan().id().toString(), worker.share().host(), call.end().reason() + " " + call.output(),
                        null);
            }
        } catch (IOException | RuntimeException e) {
            LOG.remoteKillFailed(task.plan().id().toString(), worker.share().host(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(String reason) {
        if (process != null) {
            process.stop(reason);
        }
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
            cleanQuietly(worker, smb, folderInShare);
            smb.close();
            LocalStaging.deleteQuietly(local);
        }
    }

    private static void cleanQuietly(PsExecWorker worker, SmbShare smb, String folder) {
        if (!worker.spec().autoclean()) {
            return;
        }
        try {
            smb.deleteTree(folder);
        } catch (IOException | RuntimeException e) {
            LOG.notRemoved(worker.share() + "\\" + folder, worker.share().host(), e);
        }
    }
}
