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
 * file edited here and put back, Ras.exe started through PsExec (its {@link LaunchScript}, which
 * keeps the exit code in the folder) under the time limit while the compute messages are read over
 * SMB, the result fetched with the share's times to be judged on the app server. A time-out or stop
 * ends the local PsExec and, through a second PsExec, the plan's processes on the machine.
 * <p>
 * The work on the machine outlives the local PsExec and the app server (ending PsExec's client does
 * not end the program it started there): a server that comes back {@link #adopt}s it by its folder,
 * following it with a PsExec that waits while a process there names the folder.
 */
final class PsExecPlan implements PlanExecution {

    private static final String LAUNCH_MARKER = ".rasfleet-launched";
    private static final String ADOPTED_MARKER = ".rasfleet-adopted";

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
    /** The local PsExec that follows the work: the launch, or for an adopted plan the wait; null when it had ended already. */
    private volatile PlanProcess process;
    private volatile String stopReason;
    /** How the work ended while no server followed it, for an adopted plan whose exit file was there. */
    private ProcessEnd endedMeanwhile;
    /** Whether {@link #process} is the launch itself (its exit code is Ras.exe's) or a wait for work launched before it. */
    private boolean adopted;
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
            plan.writeLaunchScript(planName);
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

    /**
     * Follows attempt {@code task.attempt()} of the plan launched by this server's previous life, by
     * what its launch left in its folder on the share: the launch marker (its time is the launch on
     * the machine's clock, from which the time limit counts), the exit file the launch script writes,
     * and the processes on the machine that name the folder. Empty when the folder holds no launch,
     * or when nothing there works any more and the work left neither an exit code nor a result.
     */
    static java.util.Optional<PsExecPlan> adopt(PsExecWorker worker, PlanTask task, String runFolder) throws WorkerException {
        Path psexec = worker.psexec();
        String folder = runFolder + "\\" + task.folderName();
        SmbShare smb = null;
        Path local = null;
        try {
            smb = worker.connect();
            java.time.Instant launched = smb.modified(folder + "\\" + LAUNCH_MARKER);
            if (launched == null) {
                smb.close();
                return java.util.Optional.empty();
            }
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            PsExecPlan plan = new PsExecPlan(worker, task, smb, folder, local, StagedPlan.at(local, task.projectName(), task.plan()),
                    psexec, null, null);
            plan.adopted = true;
            plan.launchedAt = launched;
            if (!plan.follow()) {
                plan.close();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(plan);
        } catch (IOException | RuntimeException e) {
            if (smb != null) {
                smb.close();
            }
            LocalStaging.deleteQuietly(local);
            throw new WorkerException("worker " + worker.spec().name() + " (" + worker.share() + ") could not look for attempt "
                    + task.folderName() + " of run " + task.runId() + ": " + e.getMessage(), e instanceof WorkerUnreachableException
                    || e instanceof io.rasfleet.transfer.SmbUnreachableException ? new WorkerUnreachableException(e.getMessage(), e) : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (smb != null) {
                smb.close();
            }
            LocalStaging.deleteQuietly(local);
            throw new WorkerException("looking for attempt " + task.folderName() + " was interrupted", e);
        }
    }

    /**
     * Starts following an adopted plan: its end kept in the exit file, else a wait on the machine
     * while its processes work, under what is left of its time limit. False when nothing of it works
     * and it left neither an exit code nor a result: it is lost.
     */
    private boolean follow() throws IOException, InterruptedException {
        java.time.Instant now = shareNow();
        Duration since = Duration.between(launchedAt, now);
        Integer kept = keptExitCode();
        if (kept != null) {
            endedMeanwhile = new ProcessEnd(ProcessEnd.How.EXITED, kept, since, "Ras.exe exited with code " + kept
                    + " while no server followed it");
            return true;
        }
        if (working() == 0) {
            // it may have ended between the two looks
            kept = keptExitCode();
            if (kept != null || resultPresent()) {
                endedMeanwhile = new ProcessEnd(ProcessEnd.How.EXITED, kept, since, kept == null
                        ? "Ras.exe ended while no server followed it; its exit code was not kept" : "Ras.exe exited with code " + kept
                        + " while no server followed it");
                return true;
            }
            return false;
        }
        waitWhileWorking(since);
        return true;
    }

    /** How many processes on the machine name the attempt's folder, as one PsExec counts them there. */
    private int working() throws IOException, InterruptedException {
        PsExecCall count = PsExecCall.run(worker, user -> PsExecCommands.countWorking(psexec.toString(), worker.share().host(), user,
                List.of(localFolder + "\\")), Duration.ofMinutes(2));
        if (!count.end().exitedCleanly()) {
            String advice = count.end().exitCode() == null ? null : PsExecErrors.explain(count.end().exitCode(), count.output());
            throw new WorkerUnreachableException("PsExec on " + worker.share().host() + " could not look for the processes of "
                    + task.folderName() + ": " + (advice != null ? advice : count.end().reason() + " " + count.output().strip()), null);
        }
        return count.printedNumber();
    }

    /** Follows the work, launched {@code since} ago, with a PsExec that waits on the machine under what is left of its limit. */
    private void waitWhileWorking(Duration since) {
        adopted = true;
        if (process != null) {
            // the launch's PsExec, ended: its processes here go
            process.close();
        }
        Duration left = worker.spec().attemptLimit(task.timeLimit()).minus(since);
        // past its limit already: a moment's wait, which times out and ends it as at the limit
        run(PsExecCommands.waitWhileWorking(psexec.toString(), worker.share().host(), loginUser(), List.of(localFolder + "\\")),
                left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
        if (stopReason != null) {
            // a stop that came while the launch's PsExec had ended and the wait had not started
            process.stop(stopReason);
        }
    }

    /**
     * A launch whose local PsExec ended while the work it started goes on (PsExec killed, or a
     * Ctrl+C, on which PsExec ends the launch script's cmd.exe but not Ras.exe below it): followed
     * on as adopted work. Any other end is returned as it is.
     */
    private ProcessEnd followIfOutlived(ProcessEnd end) throws WorkerException, InterruptedException {
        if (adopted || end.how() != ProcessEnd.How.EXITED || end.exitCode() == null
                || PsExecErrors.explain(end.exitCode(), PlanVerification.readText(local.resolve("psexec.log"))) != null) {
            return end;
        }
        try {
            if (keptExitCode() != null || working() == 0) {
                return end;
            }
            waitWhileWorking(Duration.between(launchedAt, shareNow()));
            return process.await();
        } catch (IOException e) {
            throw new WorkerException("the share " + worker.share() + " was lost: " + e.getMessage(),
                    new WorkerUnreachableException("the share " + worker.share() + " was lost: " + e.getMessage(), e), null);
        }
    }

    /** The time on the share's clock now: a file written into the attempt's folder, which also marks the adoption. */
    private java.time.Instant shareNow() throws IOException {
        return mark(ADOPTED_MARKER);
    }

    /** The exit code the launch script kept in the folder; null when there is none (yet). */
    private Integer keptExitCode() throws IOException {
        Path copy = local.resolve(LaunchScript.EXIT_FILE);
        return smb.download(folderInShare + "\\" + LaunchScript.EXIT_FILE, copy)
                ? LaunchScript.exitCode(Files.readString(copy, java.nio.charset.StandardCharsets.ISO_8859_1)) : null;
    }

    private boolean resultPresent() throws IOException {
        return smb.exists(folderInShare + "\\" + task.projectName() + "." + task.plan().id().extension() + ".hdf");
    }

    private void writeLaunchScript(String planName) throws IOException {
        Path script = local.resolve(LaunchScript.NAME);
        Files.writeString(script, LaunchScript.text(rasExe, PsExecCommands.windowsJoin(localFolder, task.projectName() + ".prj"),
                PsExecCommands.windowsJoin(localFolder, planName)), java.nio.charset.StandardCharsets.UTF_8);
        smb.upload(script, folderInShare + "\\" + LaunchScript.NAME);
    }

    /** Writes a marker into the plan's folder: its time on the share is the launch on the machine's clock. */
    private java.time.Instant markLaunch() throws IOException {
        return mark(LAUNCH_MARKER);
    }

    /** Writes the marker {@code name} into the plan's folder and returns its time there, on the share's clock. */
    private java.time.Instant mark(String name) throws IOException {
        Path marker = local.resolve(name);
        Files.writeString(marker, task.folderName());
        smb.upload(marker, folderInShare + "\\" + name);
        java.time.Instant at = smb.modified(folderInShare + "\\" + name);
        if (at == null) {
            throw new IOException("the marker " + name + " vanished from " + worker.share() + "\\" + folderInShare);
        }
        return at;
    }

    private void launch() {
        run(PsExecCommands.launch(psexec.toString(), worker.share().host(), loginUser(), service, worker.settings().sessionId(),
                worker.spec().processPriority(), localFolder), worker.spec().attemptLimit(task.timeLimit()));
    }

    /** The account's user name for an argument list; its password is read again, for PsExec's input, by {@link #run}. */
    private String loginUser() {
        PsExecCommands.Login login = worker.login();
        if (login == null) {
            return null;
        }
        Arrays.fill(login.password(), '\0');
        return login.user();
    }

    /** Starts the local PsExec that follows the work, reading the compute messages over SMB meanwhile. */
    private void run(List<String> command, Duration limit) {
        PsExecCommands.Login login = worker.login();
        try {
            String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
            Path progressCopy = local.resolve("progress.computeMsgs.txt");
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
        ProcessEnd end = process == null ? endedMeanwhile : followIfOutlived(process.await());
        String host = worker.share().host();
        if (end.how() == ProcessEnd.How.TIMED_OUT || end.how() == ProcessEnd.How.STOPPED) {
            killRemote();
        }
        if (adopted) {
            end = adoptedEnd(end);
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
            if ((end.exitedCleanly() || end.how() == ProcessEnd.How.EXITED && end.exitCode() == null)
                    && smb.download(result, staged.file(p + ".hdf"))) {
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

    /**
     * The end of adopted work as the wait saw it: the time limit counted from the launch; the wait's
     * clean end is the work's, with the code the launch script kept (none when its cmd.exe was
     * ended from outside while Ras.exe finished); a wait that failed is PsExec's failure, left as is.
     */
    private ProcessEnd adoptedEnd(ProcessEnd waited) throws WorkerException {
        Duration since = waited == endedMeanwhile ? waited.duration() : null;
        try {
            if (since == null) {
                since = Duration.between(launchedAt, shareNow());
            }
            if (waited.how() == ProcessEnd.How.TIMED_OUT) {
                return new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, since,
                        ProcessEnd.timeLimitReached(worker.spec().attemptLimit(task.timeLimit())));
            }
            if (waited.how() != ProcessEnd.How.EXITED || waited == endedMeanwhile) {
                return new ProcessEnd(waited.how(), waited.exitCode(), since, waited.reason());
            }
            if (!waited.exitedCleanly()) {
                String output = PlanVerification.readText(local.resolve("psexec.log"));
                String advice = waited.exitCode() == null ? null : PsExecErrors.explain(waited.exitCode(), output);
                String why = "PsExec on " + worker.share().host() + " stopped following " + task.folderName() + ": "
                        + (advice != null ? advice : waited.reason());
                throw new WorkerException(why, new WorkerUnreachableException(why, null), output);
            }
            Integer kept = keptExitCode();
            if (kept == null && !resultPresent()) {
                throw new WorkerException("the work of " + task.folderName() + " on " + worker.share().host() + " ended without"
                        + " its exit code or a result: its processes were ended from outside, or the machine restarted", null);
            }
            return new ProcessEnd(ProcessEnd.How.EXITED, kept, since, kept == null
                    ? "Ras.exe ended; its exit code was not kept" : "Ras.exe exited with code " + kept);
        } catch (IOException e) {
            throw new WorkerException("the share " + worker.share() + " was lost: " + e.getMessage(),
                    new WorkerUnreachableException("the share " + worker.share() + " was lost: " + e.getMessage(), e), null);
        }
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
        stopReason = reason;
        PlanProcess following = process;
        if (following != null) {
            following.stop(reason);
        }
    }

    @Override
    public ProcessRef process() {
        return process == null || process.pid() == null ? null : new ProcessRef(process.pid(), process.processStart());
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                process.close();
            }
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
