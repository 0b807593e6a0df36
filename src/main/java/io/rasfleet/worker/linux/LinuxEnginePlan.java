package io.rasfleet.worker.linux;

import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.project.ComputeInputs;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.transfer.LocalStaging;
import io.rasfleet.worker.FetchedAttempt;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A plan on HEC-RAS's Linux engine in an {@link EngineFolder}, the same for SSH hosts and
 * containers: the plan file with this attempt's cores and the {@code .xGG} with LF endings go in,
 * {@code RasGeomPreprocess} (when the geometry is to be preprocessed again) and {@code RasUnsteady}
 * run under the time limit while progress is read back, and the compute file and messages are
 * fetched, with the times the worker's clock gave them, to be judged on the app server
 * ({@link io.rasfleet.worker.PlanVerification}), never by the exit code alone.
 */
public final class LinuxEnginePlan implements PlanExecution {

    private static final System.Logger LOG = System.getLogger(LinuxEnginePlan.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Touched on the worker just before launch: its time is the launch on the worker's clock. */
    static final String LAUNCH_MARKER = ".rasfleet-launched";
    /** Where the compute messages read for progress land on the app server. */
    private static final String PROGRESS_COPY = "progress.computeMsgs.txt";
    /** The environment variable that names a plan process's server and attempt ({@code server/run-7/p01-a2}). */
    public static final String OWNER_VARIABLE = "RASFLEET_ATTEMPT";

    private final PlanTask task;
    private final EngineFolder folder;
    private final String engine;
    private final Path local;
    private final StagedPlan staged;
    private final Path projectFolder;
    private final Duration limit;
    private final io.rasfleet.engine.ProcessPriority priority;
    private final String owner;
    private volatile String stopReason;
    private volatile EngineCommand current;
    private final StringBuilder programOutput = new StringBuilder();

    private LinuxEnginePlan(PlanTask task, EngineFolder folder, String engine, Path local, StagedPlan staged,
            Path projectFolder, Duration limit, io.rasfleet.engine.ProcessPriority priority, String owner) {
        this.task = task;
        this.folder = folder;
        this.engine = engine;
        this.local = local;
        this.staged = staged;
        this.projectFolder = projectFolder;
        this.limit = limit;
        this.priority = priority;
        this.owner = owner;
    }

    /**
     * Refuses a plan without the Linux engine's compute inputs in {@code snapshotFiles}, saying which
     * are missing and how to get them.
     */
    public static ComputeInputs requireComputeInputs(PlanTask task, java.util.Collection<String> snapshotFiles, String worker)
            throws WorkerException {
        ComputeInputs inputs = ComputeInputs.of(task.projectName(), task.plan());
        java.util.Set<String> present = new java.util.HashSet<>(snapshotFiles);
        present.addAll(task.computeInputs().keySet());
        List<String> missing = inputs.missingFrom(present);
        if (!missing.isEmpty()) {
            throw new WorkerException("plan " + task.plan().id() + " cannot run on HEC-RAS's Linux engine (worker " + worker
                    + "): " + String.join(", ", missing) + " missing. The Linux engine computes from the files a Windows run"
                    + " of HEC-RAS writes while 'Completing Geometry, Flow and Plan': open the plan once in HEC-RAS on Windows"
                    + " and compute it (it can be stopped once computing starts), or set preprocess_on_host on this worker"
                    + " with a Windows-capable worker in the pool", null);
        }
        return inputs;
    }

    /**
     * Prepares this attempt's own files on the app server (the plan with its cores and
     * {@code Write Detailed}, the {@code .xGG} with LF endings) and puts them into {@code folder},
     * which already holds a copy of the snapshot. The folder is closed when this fails. {@code owner}
     * names the server and attempt in the processes' environment.
     */
    public static LinuxEnginePlan prepare(PlanTask task, EngineFolder folder, String engine, Path projectFolder,
            io.rasfleet.worker.WorkerSpec spec, String owner) throws WorkerException {
        Path local = null;
        try {
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            StagedPlan staged = AttemptFiles.put(task, local, projectFolder, folder::put);
            return new LinuxEnginePlan(task, folder, engine, local, staged, projectFolder, spec.attemptLimit(task.timeLimit()),
                    spec.processPriority(), owner);
        } catch (IOException | RuntimeException e) {
            folder.close();
            LocalStaging.deleteQuietly(local);
            throw new WorkerException("could not prepare plan " + task.plan().id() + " on " + folder.host() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        Instant began = Instant.now();
        String p = task.plan().id().extension();
        String digits = task.plan().id().digits();
        String geometry = task.plan().geometryDigits();
        List<List<String>> steps = new ArrayList<>();
        if (task.clearGeometryPreprocessor()) {
            steps.add(RasCommandLines.linuxGeometryPreprocess(engine, task.projectName(), digits, geometry));
        }
        steps.add(RasCommandLines.linuxUnsteady(engine, task.projectName(), digits, geometry));
        Map<String, String> environment = new java.util.LinkedHashMap<>(RasCommandLines.linuxEnvironment(engine));
        environment.put(OWNER_VARIABLE, owner);
        String computed = RasCommandLines.tmpHdf(task.projectName(), digits);
        try {
            if (task.forceGeometryPreprocessor() && task.plan().geometryDigits() != null) {
                remove(task.projectName() + ".g" + geometry + ".hdf", environment);
            }
            Instant launchedAt = markLaunch(environment);
            ProcessEnd end = null;
            for (List<String> command : steps) {
                end = runStep(command, environment, began);
                if (!end.exitedCleanly()) {
                    break;
                }
            }
            folder.fetch(task.projectName() + "." + p + ".computeMsgs.txt", staged.file(p + ".computeMsgs.txt"));
            Instant writtenAt = null;
            Map<String, Path> geometryOutputs = Map.of();
            if (end.exitedCleanly()) {
                // what HEC's own scripts do after RasUnsteady: the compute file becomes the result file
                folder.fetch(computed, staged.file(p + ".hdf"));
                writtenAt = folder.modified(computed);
                geometryOutputs = io.rasfleet.worker.FetchedGeometry.fetch(task, launchedAt, staged.folder(), folder);
            }
            return new FetchedAttempt(task, folder.host(), end, staged.file(p + ".hdf"), staged.file(p + ".computeMsgs.txt"), computed,
                    launchedAt, writtenAt, programOutput.length() == 0 ? null : programOutput.toString(), geometryOutputs);
        } catch (IOException e) {
            // the last copy read for progress, when the connection went before the messages could be fetched
            String messages = io.rasfleet.worker.PlanVerification.readText(staged.file(p + ".computeMsgs.txt"));
            if (messages == null) {
                messages = io.rasfleet.worker.PlanVerification.readText(local.resolve(PROGRESS_COPY));
            }
            String said = ((messages == null ? "" : messages + "\n") + programOutput).strip();
            throw new WorkerException("plan " + task.plan().id() + " on " + folder.host() + ": " + e.getMessage(), e,
                    said.isEmpty() ? null : said);
        }
    }

    /** Deletes {@code name} from the attempt's working folder (a copy of the snapshot's: the cache is not touched). */
    private void remove(String name, Map<String, String> environment) throws IOException, InterruptedException {
        EngineCommand rm = folder.start(List.of("rm", "-f", "--", name), environment);
        OptionalInt code = rm.waitFor(Duration.ofMinutes(1));
        if (code.isEmpty() || code.getAsInt() != 0) {
            rm.kill();
            throw new IOException("could not delete " + name + " in the working folder on " + folder.host() + ": " + rm.output());
        }
    }

    /** Touches the launch marker on the worker and reads its time back there: the launch on the worker's clock. */
    private Instant markLaunch(Map<String, String> environment) throws IOException, InterruptedException {
        EngineCommand touch = folder.start(List.of("touch", LAUNCH_MARKER), environment);
        OptionalInt code = touch.waitFor(Duration.ofMinutes(1));
        if (code.isEmpty() || code.getAsInt() != 0) {
            touch.kill();
            throw new IOException("could not mark the launch in the working folder on " + folder.host() + ": " + touch.output());
        }
        Instant at = folder.modified(LAUNCH_MARKER);
        if (at == null) {
            throw new IOException("the launch marker " + LAUNCH_MARKER + " vanished from the working folder on " + folder.host());
        }
        return at;
    }

    private ProcessEnd runStep(List<String> command, Map<String, String> environment, Instant began)
            throws IOException, InterruptedException {
        String program = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        Duration left = limit.minus(Duration.between(began, Instant.now()));
        if (left.isNegative() || left.isZero()) {
            return new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, Duration.between(began, Instant.now()),
                    "the time limit was reached before " + program + " could start");
        }
        List<String> launched = new ArrayList<>();
        if (priority.niceness() > 0) {
            launched.addAll(List.of("nice", "-n", Integer.toString(priority.niceness())));
        }
        launched.addAll(command);
        EngineCommand running = folder.start(launched, environment);
        current = running;
        Path progressCopy = local.resolve(PROGRESS_COPY);
        String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
        try {
            while (true) {
                if (stopReason != null) {
                    running.kill();
                    return new ProcessEnd(ProcessEnd.How.STOPPED, null, Duration.between(began, Instant.now()), stopReason);
                }
                if (Duration.between(began, Instant.now()).compareTo(limit) >= 0) {
                    running.kill();
                    return new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, Duration.between(began, Instant.now()),
                            ProcessEnd.timeLimitReached(limit));
                }
                OptionalInt code;
                try {
                    code = running.waitFor(POLL);
                } catch (IOException e) {
                    if (stopReason != null) {
                        // the stop killed the program (or its container) under us: that is the stop, not a lost machine
                        return new ProcessEnd(ProcessEnd.How.STOPPED, null, Duration.between(began, Instant.now()), stopReason);
                    }
                    throw e;
                }
                if (stopReason != null) {
                    running.kill();
                    return new ProcessEnd(ProcessEnd.How.STOPPED, null, Duration.between(began, Instant.now()), stopReason);
                }
                if (code.isPresent()) {
                    return new ProcessEnd(ProcessEnd.How.EXITED, code.getAsInt(), Duration.between(began, Instant.now()),
                            program + " exited with code " + code.getAsInt());
                }
                reportProgress(messages, progressCopy);
            }
        } finally {
            current = null;
            String said = running.output();
            if (!said.isEmpty()) {
                programOutput.append("---- ").append(program).append(" on ").append(folder.host()).append(" printed ----\n")
                        .append(said).append('\n');
            }
        }
    }

    private void reportProgress(String messages, Path copy) {
        if (task.progressListener() == null) {
            return;
        }
        try {
            if (folder.fetch(messages, copy)) {
                ComputeProgress.tell(copy, task.progressListener());
            }
        } catch (IOException e) {
            // progress is a courtesy; a lost connection shows in waitFor
            LOG.log(Level.DEBUG, "progress of " + task.plan().id() + " on " + folder.host() + " not read", e);
        }
    }

    @Override
    public void stop(String reason) {
        stopReason = reason;
        EngineCommand running = current;
        if (running != null) {
            running.kill();
        }
    }

    @Override
    public ProcessRef process() {
        return null;
    }

    @Override
    public void close() {
        try {
            EngineCommand running = current;
            if (running != null) {
                running.kill();
            }
            folder.close();
        } finally {
            LocalStaging.deleteQuietly(local);
        }
    }
}
