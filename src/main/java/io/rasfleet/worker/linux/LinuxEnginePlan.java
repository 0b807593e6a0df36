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
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A plan on HEC-RAS's Linux engine in an {@link EngineFolder}, the same for SSH hosts and
 * containers: the plan file with this attempt's cores and the {@code .xGG} with LF endings go in,
 * {@code RasGeomPreprocess} (when the geometry is to be preprocessed again) and {@code RasUnsteady}
 * run under the time limit while progress is read back, and the compute file and messages are
 * fetched, with the times the worker's clock gave them, to be judged on the app server
 * ({@link io.rasfleet.worker.PlanVerification}), never by the exit code alone. The programs are
 * launched as one {@link AttemptScript}, whose files in the working folder let a later life of the
 * server {@link #adopt} the attempt and follow it to the same end.
 */
public final class LinuxEnginePlan implements PlanExecution {

    private static final System.Logger LOG = System.getLogger(LinuxEnginePlan.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Touched on the worker just before launch: its time is the launch on the worker's clock. */
    static final String LAUNCH_MARKER = ".rasfleet-launched";
    /** Touched on the worker when an attempt is adopted: its time is the worker's now, to count the time limit from the launch. */
    static final String CLOCK_MARKER = ".rasfleet-now";
    /** How much of the programs' output is kept with the attempt: the start of it. */
    private static final int OUTPUT_LIMIT = 64 * 1024;
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
    /** Launched by a previous life of the server: followed, not launched. */
    private boolean adopted;
    /** Set once await has returned or thrown: nothing of this execution runs any more that close must end. */
    private volatile boolean ended;
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

    /**
     * Follows attempt {@code task} that a previous life of the server launched in {@code folder}
     * (see {@link io.rasfleet.worker.WorkerSession#adopt}): nothing is put there and nothing
     * launched; its time limit counts from the launch marker, on the worker's clock. Empty, the
     * folder closed, when nothing was launched there or the work was killed without an exit code:
     * the attempt is lost. On failure the folder is let go of, untouched.
     */
    public static Optional<LinuxEnginePlan> adopt(PlanTask task, EngineFolder folder, String engine, Path projectFolder,
            io.rasfleet.worker.WorkerSpec spec, String owner) throws WorkerException {
        Path local = null;
        try {
            AttemptScript.State state = AdoptedCommand.probe(folder, environment(engine, owner));
            if (state.kind() == AttemptScript.State.Kind.UNLAUNCHED || state.kind() == AttemptScript.State.Kind.GONE) {
                folder.close();
                return Optional.empty();
            }
            local = Files.createTempDirectory("rasfleet-" + task.folderName() + "-");
            // the attempt's own files as its launch made them, to fetch beside; the worker has them already
            StagedPlan staged = AttemptFiles.put(task, local, projectFolder, (file, name) -> { });
            LinuxEnginePlan plan = new LinuxEnginePlan(task, folder, engine, local, staged, projectFolder,
                    spec.attemptLimit(task.timeLimit()), spec.processPriority(), owner);
            plan.adopted = true;
            return Optional.of(plan);
        } catch (IOException | RuntimeException e) {
            folder.detach();
            LocalStaging.deleteQuietly(local);
            throw new WorkerException("could not follow attempt " + task.folderName() + " of plan " + task.plan().id() + " on "
                    + folder.host() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            folder.detach();
            LocalStaging.deleteQuietly(local);
            Thread.currentThread().interrupt();
            throw new WorkerException("interrupted while looking for attempt " + task.folderName() + " on " + folder.host(), e);
        }
    }

    private static Map<String, String> environment(String engine, String owner) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(RasCommandLines.linuxEnvironment(engine));
        environment.put(OWNER_VARIABLE, owner);
        return environment;
    }

    @Override
    public FetchedAttempt await() throws WorkerException, InterruptedException {
        String p = task.plan().id().extension();
        String digits = task.plan().id().digits();
        Map<String, String> environment = environment(engine, owner);
        String computed = RasCommandLines.tmpHdf(task.projectName(), digits);
        try {
            Instant launchedAt;
            Instant began;
            EngineCommand command;
            if (adopted) {
                launchedAt = folder.modified(LAUNCH_MARKER);
                if (launchedAt == null) {
                    throw new IOException("the launch marker " + LAUNCH_MARKER + " is gone from the working folder on " + folder.host());
                }
                Duration since = Duration.between(launchedAt, touch(CLOCK_MARKER, environment));
                began = Instant.now().minus(since.isNegative() ? Duration.ZERO : since);
                command = new AdoptedCommand(folder, environment);
            } else {
                began = Instant.now();
                if (task.forceGeometryPreprocessor() && task.plan().geometryDigits() != null) {
                    remove(task.projectName() + ".g" + task.plan().geometryDigits() + ".hdf", environment);
                }
                launchedAt = touch(LAUNCH_MARKER, environment);
                command = folder.start(AttemptScript.launch(steps()), environment);
            }
            ProcessEnd end = follow(command, began);
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
        } finally {
            ended = true;
        }
    }

    /** The programs this attempt runs, each under the worker's priority: the geometry preprocessor when asked, then the unsteady run. */
    private List<List<String>> steps() {
        String digits = task.plan().id().digits();
        String geometry = task.plan().geometryDigits();
        List<List<String>> steps = new ArrayList<>();
        if (task.clearGeometryPreprocessor()) {
            steps.add(RasCommandLines.linuxGeometryPreprocess(engine, task.projectName(), digits, geometry));
        }
        steps.add(RasCommandLines.linuxUnsteady(engine, task.projectName(), digits, geometry));
        if (priority.niceness() <= 0) {
            return steps;
        }
        List<List<String>> niced = new ArrayList<>();
        for (List<String> step : steps) {
            List<String> words = new ArrayList<>(List.of("nice", "-n", Integer.toString(priority.niceness())));
            words.addAll(step);
            niced.add(words);
        }
        return niced;
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

    /** Touches {@code marker} in the working folder and reads its time back there: now, on the worker's clock. */
    private Instant touch(String marker, Map<String, String> environment) throws IOException, InterruptedException {
        EngineCommand touch = folder.start(List.of("touch", marker), environment);
        OptionalInt code = touch.waitFor(Duration.ofMinutes(1));
        if (code.isEmpty() || code.getAsInt() != 0) {
            touch.kill();
            throw new IOException("could not touch " + marker + " in the working folder on " + folder.host() + ": " + touch.output());
        }
        Instant at = folder.modified(marker);
        if (at == null) {
            throw new IOException(marker + " vanished from the working folder on " + folder.host());
        }
        return at;
    }

    /** Follows the launched programs to their end, stop or time limit, reading progress meanwhile; keeps what they printed. */
    private ProcessEnd follow(EngineCommand running, Instant began) throws IOException, InterruptedException {
        current = running;
        Path progressCopy = local.resolve(PROGRESS_COPY);
        String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
        try {
            while (true) {
                if (stopReason != null) {
                    running.kill();
                    return new ProcessEnd(ProcessEnd.How.STOPPED, null, Duration.between(began, Instant.now()), stopReason);
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
                    String program = endedProgram(running);
                    return new ProcessEnd(ProcessEnd.How.EXITED, code.getAsInt(), Duration.between(began, Instant.now()),
                            program + " exited with code " + code.getAsInt());
                }
                // after the wait, so that adopted work that ended while the server was away is taken as it ended
                if (Duration.between(began, Instant.now()).compareTo(limit) >= 0) {
                    running.kill();
                    return new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, Duration.between(began, Instant.now()),
                            ProcessEnd.timeLimitReached(limit));
                }
                reportProgress(messages, progressCopy);
            }
        } finally {
            current = null;
            keepOutput(running);
        }
    }

    /** The program whose exit ended the attempt: as the exit file names it, else the last one launched. */
    private String endedProgram(EngineCommand running) {
        if (running instanceof AdoptedCommand adoptedCommand && adoptedCommand.endedProgram() != null) {
            return adoptedCommand.endedProgram();
        }
        String last = lastProgram();
        try {
            Path exit = local.resolve(AttemptScript.EXIT_FILE);
            if (folder.fetch(AttemptScript.EXIT_FILE, exit)) {
                return AttemptScript.State.exit(Files.readString(exit)).map(AttemptScript.State::program).orElse(last);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "exit file of " + task.plan().id() + " on " + folder.host() + " not read", e);
        }
        return last;
    }

    /** The name of the attempt's last program, the unsteady run. */
    private String lastProgram() {
        String path = RasCommandLines.linuxUnsteady(engine, task.projectName(), task.plan().id().digits(), task.plan().geometryDigits())
                .get(0);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Appends what the programs printed (their output file, and what the launch itself printed), bounded, to the attempt's output. */
    private void keepOutput(EngineCommand running) {
        StringBuilder said = new StringBuilder(running.output());
        try {
            Path output = local.resolve(AttemptScript.OUTPUT_FILE);
            if (folder.fetch(AttemptScript.OUTPUT_FILE, output)) {
                try (java.io.InputStream in = Files.newInputStream(output)) {
                    String text = new String(in.readNBytes(OUTPUT_LIMIT), java.nio.charset.StandardCharsets.UTF_8).strip();
                    said.append(said.length() == 0 || text.isEmpty() ? "" : "\n").append(text);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "output of " + task.plan().id() + " on " + folder.host() + " not read", e);
        }
        if (said.length() > 0) {
            programOutput.append("---- ").append(lastProgram()).append(" on ").append(folder.host()).append(" printed ----\n")
                    .append(said.toString().strip()).append('\n');
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
            } else if (adopted && !ended) {
                // never followed: the work a previous life launched is ended here, as a started one's would be
                new AdoptedCommand(folder, environment(engine, owner)).kill();
            }
            folder.close();
        } finally {
            LocalStaging.deleteQuietly(local);
        }
    }
}
