package io.rasfleet.worker.slurm;

import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.PlanVerification;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.linux.AttemptFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One attempt as one batch job. While the job waits in the cluster's queue the plan is reported
 * queued with Slurm's reason ({@link PlanTask#queueListener()}); past {@code queue_timeout_minutes}
 * it says so and keeps its place, or is cancelled with {@code queue_timeout_action: cancel}. The
 * attempt's time limit counts from when the job is first seen computing; Slurm's {@code --time}
 * is that limit with a margin ({@link SlurmSettings#jobMinutes}), the backstop when the server is gone. The job's end is read from its own {@link JobScript#EXIT_FILE}; a job that left the
 * queue without one did not finish its script, and {@code scontrol} says why (a node failure, a
 * cancel from outside: machine failures, tried again). The result is judged on the app server like
 * every other worker's, never by Slurm's word alone. A job outlives the server that submitted it:
 * the server's next life follows it again through {@link #adopt}.
 */
final class SlurmPlan implements PlanExecution {

    private static final System.Logger LOG = System.getLogger(SlurmPlan.class.getName());
    private static final Duration CANCEL_WAIT = Duration.ofMinutes(1);

    private final SlurmWorker worker;
    private final JobWatch watch;
    private final SubmitHost files;
    private final PlanTask task;
    private final String folder;
    private final Path local;
    private final StagedPlan staged;
    private final long jobId;
    private final Instant submittedAt;
    /** When the job was submitted by the worker's clock, which measures its wait in the queue. */
    private final Instant queuedSince;
    private final Duration limit;
    /** When the job started computing, by its {@link JobScript#LAUNCH_MARKER}: known for a job adopted after it started, else null. */
    private final Instant launched;
    private volatile boolean longWaitLogged;
    private volatile String stopReason;
    /** Counted down by a stop: the plan's wait between looks ends at once, so that a stop is quick whatever the interval. */
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean jobGone;
    /** The node the job was seen on, when it was. */
    private volatile String node;
    private volatile boolean scriptEnded;

    private SlurmPlan(SlurmWorker worker, JobWatch watch, SubmitHost files, PlanTask task, String folder, Path local,
            StagedPlan staged, long jobId, Instant submittedAt, Instant queuedSince, Instant launched) {
        this.worker = worker;
        this.watch = watch;
        this.files = files;
        this.task = task;
        this.folder = folder;
        this.local = local;
        this.staged = staged;
        this.jobId = jobId;
        this.submittedAt = submittedAt;
        this.queuedSince = queuedSince;
        this.launched = launched;
        this.limit = worker.spec().attemptLimit(task.timeLimit());
    }

    /**
     * Copies the plan's own files ({@link PlanTask#files()}, not the whole snapshot with every
     * other plan's inputs) from the run's snapshot on the cluster into the attempt's folder, keeping
     * their times; strict: a file the snapshot lacks fails the copy, naming it.
     */
    private static final String COPY_PLAN_FILES = "d=$1; s=$2; shift 2; rm -rf -- \"$d\" && mkdir -p -- \"$d\" || exit 1; "
            + "for f; do case $f in */*) mkdir -p -- \"$d/${f%/*}\" || exit 1;; esac; cp -p -- \"$s/$f\" \"$d/$f\" || exit 1; done";

    /**
     * Makes the attempt's folder from the run's snapshot on the cluster, puts the attempt's own
     * files and its script there and submits the job. Nothing is left behind when this fails.
     */
    static SlurmPlan submit(SlurmWorker worker, JobWatch watch, PlanTask task, String runFolder, AttemptRef attempt,
            Path projectFolder) throws WorkerException {
        String folder = runFolder + "/" + task.folderName();
        SubmitHost files = null;
        Path local = null;
        try {
            files = worker.submitHost();
            List<String> copy = new java.util.ArrayList<>(List.of("sh", "-c", COPY_PLAN_FILES, "sh", folder, runFolder + "/snapshot"));
            copy.addAll(task.files());
            files.output(copy, "copying plan " + task.plan().id() + "'s files from the snapshot into " + folder, Duration.ofMinutes(30));
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            SubmitHost into = files;
            StagedPlan staged = AttemptFiles.put(task, local, projectFolder, (file, name) -> into.put(file, folder + "/" + name));
            String engine = worker.settings().rasEnginePath();
            Path script = Files.writeString(local.resolve(JobScript.NAME), JobScript.text(task, folder, engine,
                    worker.spec().processPriority().niceness(), worker.settings().scratch(), attempt.label()), StandardCharsets.UTF_8);
            files.put(script, folder + "/" + JobScript.NAME);
            long jobId = watch.queue().submit(SlurmJobName.comment(attempt), folder, folder + "/" + JobScript.NAME, task.avoidNodes(),
                    worker.spec().attemptLimit(task.timeLimit()));
            Instant submittedAt = Instant.now();
            return new SlurmPlan(worker, watch, files, task, folder, local, staged, jobId, submittedAt, worker.clock().instant(), null);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (files != null) {
                removeQuietly(files, folder, worker);
                files.close();
            }
            LocalStaging.deleteQuietly(local);
            throw new WorkerException(worker.describe() + " could not submit plan " + task.plan().id() + " as a batch job in " + folder
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Follows the attempt's job that a previous life of this server submitted: the job its comment
     * names while the cluster still lists it (queued or computing), else the one whose output
     * ({@code slurm-<id>.out}) is in the attempt's folder, which ended while the server was away and
     * is judged by its exit file or Slurm's word as any other. The wait in the queue counts from
     * the job's script (written at submission), the time limit from its launch marker. Empty when
     * the attempt's folder is gone (a job still listed for it is cancelled: it could only fail) or
     * no job of it ever started and none is listed: nothing of its work is left.
     * {@code listedAfter}: when the session opened, after every submission of a previous life.
     */
    static Optional<PlanExecution> adopt(SlurmWorker worker, JobWatch watch, PlanTask task, String runFolder, AttemptRef attempt,
            Instant listedAfter) throws WorkerException {
        String folder = runFolder + "/" + task.folderName();
        SubmitHost files = null;
        Path local = null;
        try {
            files = worker.submitHost();
            Optional<SlurmJobState> listed = watch.attempt(SlurmJobName.comment(attempt), listedAfter);
            Instant written = files.modified(folder + "/" + JobScript.NAME);
            Long jobId = listed.map(SlurmJobState::jobId).orElse(null);
            if (written == null) {
                if (jobId != null) {
                    watch.queue().cancel(List.of(jobId), CANCEL_WAIT);
                }
                files.close();
                return Optional.empty();
            }
            if (jobId == null) {
                jobId = ranAs(files, folder);
            }
            if (jobId == null) {
                files.close();
                return Optional.empty();
            }
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            Files.copy(task.plan().planFile(), local.resolve(task.plan().planFile().getFileName().toString()));
            StagedPlan staged = StagedPlan.at(local, task.projectName(), task.plan());
            Instant launched = files.modified(folder + "/" + JobScript.LAUNCH_MARKER);
            // the cluster filesystem's clock says how long ago; the worker's clock measures the wait from there
            Duration waited = Duration.between(written, Instant.now());
            Instant queuedSince = worker.clock().instant().minus(waited.isNegative() ? Duration.ZERO : waited);
            return Optional.of(new SlurmPlan(worker, watch, files, task, folder, local, staged, jobId, listedAfter, queuedSince,
                    launched));
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (files != null) {
                files.close();
            }
            LocalStaging.deleteQuietly(local);
            throw new WorkerException(worker.describe() + " could not find plan " + task.plan().id() + "'s attempt " + task.attempt()
                    + " again in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The id of the job that ran in {@code folder}, from the output Slurm made for it when it started; null when none did. */
    private static Long ranAs(SubmitHost files, String folder) throws IOException {
        SubmitHost.Result listed = files.run(List.of("ls", "-1", "--", folder), Duration.ofMinutes(1));
        if (!listed.ok()) {
            throw new IOException("the attempt's folder " + folder + " could not be listed: " + listed.output());
        }
        java.util.regex.Matcher output = java.util.regex.Pattern.compile("(?m)^slurm-(\\d+)\\.out$").matcher(listed.output());
        return output.find() ? Long.valueOf(output.group(1)) : null;
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        Instant computingSince = launched;
        boolean seenComputing = false;
        String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
        try {
            while (true) {
                if (stopReason != null) {
                    cancel();
                    return fetched(node, new ProcessEnd(ProcessEnd.How.STOPPED, null, since(computingSince), stopReason), false);
                }
                Optional<SlurmJobState> job = watch.job(jobId, submittedAt);
                if (job.isEmpty() || !SlurmJobState.live(job.get().state())) {
                    FetchedAttempt done = left(computingSince);
                    if (done != null) {
                        return done;
                    }
                    // squeue and the controller disagreed for a moment: the controller's word for this job wins
                    pause(null);
                    continue;
                }
                SlurmJobState state = job.get();
                if (state.queued()) {
                    if (seenComputing) {
                        cancel();
                        throw retryHere("the cluster put the job back into its queue after it had started on " + node + " ("
                                + state.state() + (state.reason().isEmpty() ? "" : ", " + state.reason()) + ")", node);
                    }
                    String reason = state.reason().isEmpty() ? state.state() : state.reason();
                    Integer timeout = worker.settings().queueTimeoutMinutes();
                    Duration waited = Duration.between(queuedSince, worker.clock().instant());
                    if (timeout == null || waited.compareTo(Duration.ofMinutes(timeout)) < 0) {
                        tellQueued("queued on the cluster (" + reason + ")");
                    } else if (worker.settings().cancelsLongWaits()) {
                        cancel();
                        throw failure("the job waited " + timeout + " min in the cluster's queue (" + reason
                                + ") without starting: cancelled by queue_timeout_minutes and queue_timeout_action cancel of worker "
                                + worker.spec().name(), null);
                    } else {
                        // a job that waited its turn keeps its place: cancelling it would only send it to the back of the queue
                        tellQueued("queued on the cluster (" + reason + ") for " + waited.toMinutes()
                                + " min, past queue_timeout_minutes " + timeout + " of worker " + worker.spec().name()
                                + ": kept in the queue");
                        if (!longWaitLogged) {
                            longWaitLogged = true;
                            io.rasfleet.log.RasfleetLogger.LOG.longQueueWait(task.runId(), task.plan().id().toString(), jobId,
                                    waited.toMinutes(), worker.spec().name(), reason);
                        }
                    }
                } else {
                    if (!seenComputing) {
                        seenComputing = true;
                        computingSince = computingSince == null ? Instant.now() : computingSince;
                        node = state.nodes().isEmpty() ? null : state.nodes();
                        tellQueued(null);
                    }
                    if (Duration.between(computingSince, Instant.now()).compareTo(limit) >= 0) {
                        cancel();
                        return fetched(node, new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, since(computingSince),
                                ProcessEnd.timeLimitReached(limit)), false);
                    }
                    reportProgress(messages);
                }
                pause(computingSince == null ? null : computingSince.plus(limit));
            }
        } catch (IOException e) {
            throw failure(e.getMessage(), e);
        }
    }

    /** Waits one interval, less when {@code limitAt} comes sooner, none once stopped. */
    private void pause(Instant limitAt) throws InterruptedException {
        Duration wait = watch.interval();
        if (limitAt != null) {
            Duration left = Duration.between(Instant.now(), limitAt);
            wait = left.isNegative() ? Duration.ZERO : left.compareTo(wait) < 0 ? left : wait;
        }
        stopped.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * The job left the queue: its script's own word, else Slurm's ({@code scontrol show job}, asked
     * only here); null when the controller still holds the job as queued or computing.
     */
    private FetchedAttempt left(Instant computingSince) throws IOException, WorkerException, InterruptedException {
        Path exitCopy = local.resolve("exit.txt");
        JobScript.Exit exit = files.fetch(folder + "/" + JobScript.EXIT_FILE, exitCopy)
                ? JobScript.exit(Files.readString(exitCopy, StandardCharsets.UTF_8)) : null;
        scriptEnded = exit != null;
        SlurmQueue.Shown ended = null;
        if (exit == null || exit.code() > 128) {
            ended = watch.queue().shown(jobId);
            if (ended != null && SlurmJobState.live(ended.state())) {
                return null;
            }
        }
        jobGone = true;
        if (exit == null || exit.code() > 128) {
            String state = ended == null ? null : ended.state();
            if (node == null && ended != null && !ended.nodes().isEmpty()) {
                // started and ended between two listings
                node = ended.nodes();
            }
            String limitWords = state == null ? null : SlurmJobState.limitReached(state);
            if (state != null && state.equals("TIMEOUT")) {
                return fetched(node, new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, since(computingSince), limitWords), false);
            }
            if (limitWords != null) {
                throw failure(limitWords, null);
            }
            String words = state == null ? null : SlurmJobState.machineFailure(state);
            if (words != null && SlurmJobState.nodeFailure(state) && node != null) {
                throw retryHere(words, node);
            }
            if (words != null && SlurmJobState.preempted(state)) {
                throw retryHere(words, null);
            }
            if (words != null) {
                throw failure(words, null);
            }
            if (exit == null) {
                throw failure("the job left the cluster's queue without its script finishing ("
                        + (state == null ? "the cluster no longer knows it" : "Slurm says " + state
                                + (ended.reason().isEmpty() ? "" : ", " + ended.reason())) + ")", null);
            }
        }
        if (exit.program().startsWith("scratch")) {
            String words = "the job could not copy the plan " + (exit.program().equals("scratch-copy") ? "into" : "back from")
                    + " scratch " + worker.settings().scratch() + " on " + node;
            throw node == null ? failure(words, null) : retryHere(words, node);
        }
        // a job adopted after its launch ran from its launch marker to its exit file, both on the cluster filesystem's clock,
        // not until this server came back to look
        Instant endedAt = launched == null ? null : files.modified(folder + "/" + JobScript.EXIT_FILE);
        Duration took = endedAt == null ? since(computingSince) : Duration.between(launched, endedAt);
        return fetched(node, new ProcessEnd(ProcessEnd.How.EXITED, exit.code(), took,
                exit.program() + " exited with code " + exit.code()), exit.code() == 0);
    }

    /** What the attempt left: messages always, the compute file when the engine ended cleanly, the job's own output. */
    private FetchedAttempt fetched(String node, ProcessEnd end, boolean clean) throws IOException {
        String p = task.plan().id().extension();
        String computed = RasCommandLines.tmpHdf(task.projectName(), task.plan().id().digits());
        files.fetch(folder + "/" + task.projectName() + "." + p + ".computeMsgs.txt", staged.file(p + ".computeMsgs.txt"));
        Instant writtenAt = null;
        Instant launchedAt = files.modified(folder + "/" + JobScript.LAUNCH_MARKER);
        java.util.Map<String, Path> geometry = java.util.Map.of();
        if (clean) {
            files.fetch(folder + "/" + computed, staged.file(p + ".hdf"));
            writtenAt = files.modified(folder + "/" + computed);
            geometry = io.rasfleet.worker.FetchedGeometry.fetch(task, launchedAt, staged.folder(),
                    io.rasfleet.worker.FetchedGeometry.at(folder + "/", files::modified, files::fetch));
        }
        Path jobOutput = local.resolve("slurm.out");
        String output = files.fetch(folder + "/slurm-" + jobId + ".out", jobOutput) ? Files.readString(jobOutput, StandardCharsets.UTF_8).strip()
                : "";
        return new FetchedAttempt(task, host(node), end, staged.file(p + ".hdf"), staged.file(p + ".computeMsgs.txt"), computed,
                launchedAt, writtenAt, output.isEmpty() ? null : "---- Slurm job " + jobId + " printed ----\n" + output, geometry);
    }

    private String host(String node) {
        return (node == null ? worker.settings().partition() : node) + " (Slurm job " + jobId + ")";
    }

    /** A failure of the cluster's machine, not of the cluster: the plan is tried here again, without {@code badNode} when not null. */
    private WorkerException retryHere(String why, String badNode) {
        String said = PlanVerification.readText(staged.file(task.plan().id().extension() + ".computeMsgs.txt"));
        return new io.rasfleet.worker.RetryHereException("plan " + task.plan().id() + " on " + worker.describe() + ", Slurm job " + jobId
                + ": " + why + (badNode == null ? ": tried again on the cluster" : ": tried again on the cluster without node " + badNode),
                badNode, said);
    }

    private WorkerException failure(String why, Throwable cause) {
        String said = PlanVerification.readText(staged.file(task.plan().id().extension() + ".computeMsgs.txt"));
        return new WorkerException("plan " + task.plan().id() + " on " + worker.describe() + ", Slurm job " + jobId + ": " + why, cause,
                said);
    }

    private Duration since(Instant start) {
        return start == null ? Duration.ZERO : Duration.between(start, Instant.now());
    }

    private void tellQueued(String reason) {
        if (task.queueListener() != null) {
            task.queueListener().accept(reason);
        }
    }

    private void reportProgress(String messages) {
        if (task.progressListener() == null) {
            return;
        }
        Path copy = local.resolve("progress.computeMsgs.txt");
        try {
            if (files.fetch(folder + "/" + messages, copy)) {
                ComputeProgress.tell(copy, task.progressListener());
            }
        } catch (IOException e) {
            // progress is a courtesy; a lost login node shows in the next listing
            LOG.log(Level.DEBUG, "progress of " + task.plan().id() + " (Slurm job " + jobId + ") not read", e);
        }
    }

    /** scancel, believed only once the job left the queue. */
    private void cancel() throws IOException, InterruptedException {
        watch.queue().cancel(List.of(jobId), CANCEL_WAIT);
        jobGone = true;
    }

    /**
     * A job whose login node connection was lost computes on: it is cancelled through a new
     * connection when the login node answers again, so that the retry never runs beside it.
     */
    private void cancelAgainIfLost() throws IOException, InterruptedException {
        try {
            cancel();
        } catch (io.rasfleet.worker.WorkerUnreachableException lost) {
            try (SubmitHost fresh = worker.submitHost()) {
                watch.queue().on(fresh).cancel(List.of(jobId), CANCEL_WAIT);
                jobGone = true;
            }
        }
    }

    @Override
    public void stop(String reason) {
        stopReason = reason;
        stopped.countDown();
    }

    @Override
    public ProcessRef process() {
        return null;
    }

    @Override
    public void close() {
        try {
            if (!jobGone) {
                cancelAgainIfLost();
            }
            removeWhatAKillLeftInScratch();
        } catch (IOException e) {
            io.rasfleet.log.RasfleetLogger.LOG.notKilled("Slurm job " + jobId, worker.host(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            removeQuietly(files, folder, worker);
        } finally {
            files.close();
            LocalStaging.deleteQuietly(local);
        }
    }

    /**
     * A job killed before its script could remove its node-local copy (KILL after KillWait, a
     * node rebooted) leaves it there: a small job of ours on that node removes it.
     */
    private void removeWhatAKillLeftInScratch() throws IOException, InterruptedException {
        String scratch = worker.settings().scratch();
        if (scratch == null || node == null || scriptEnded || files.modified(folder + "/" + JobScript.SCRATCH_REMOVED) != null) {
            return;
        }
        String copy = scratch.replaceAll("/+$", "") + "/" + JobScript.SCRATCH_PREFIX + jobId;
        watch.queue().submitScratchRemoval(node, copy);
    }

    /** Removes the attempt's folder on the cluster unless the worker keeps folders ({@code autoclean} off); logs what it could not. */
    private static void removeQuietly(SubmitHost files, String folder, SlurmWorker worker) {
        if (!worker.spec().autoclean()) {
            return;
        }
        try {
            SubmitHost.Result removed = files.run(List.of("rm", "-rf", "--", folder), Duration.ofMinutes(2));
            if (!removed.ok()) {
                io.rasfleet.log.RasfleetLogger.LOG.notRemoved(folder, files.host(), new IOException(removed.output()));
            }
        } catch (IOException e) {
            io.rasfleet.log.RasfleetLogger.LOG.notRemoved(folder, files.host(), e);
        }
    }
}
