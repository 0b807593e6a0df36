package io.rasfleet.engine;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A launched plan: started with {@link #start}, ended by its own exit, its time limit or
 * {@link #stop}, and in every case leaving no process of its tree behind once {@link #close}d.
 * Output goes to the log file, never to a pipe that could fill and block HEC-RAS.
 */
public final class PlanProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PlanProcess.class.getName());
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(20);

    private final PlanLaunch launch;
    /** The launched process, for its exit code; null when adopted (a process this JVM did not start). */
    private final Process process;
    private final ProcessHandle handle;
    private final ProcessTree tree;
    private final Instant started;
    /**
     * One beat for every plan process's watch; each watch runs on a thread of {@link #WATCHES} and
     * never beside its own last one. A thread per plan came to 500 threads at 500 slots; a shared
     * pool of fixed size would let one probe stuck on an unreachable share hold up every other plan.
     */
    private static final ScheduledThreadPoolExecutor BEATS = idle(new ScheduledThreadPoolExecutor(1, daemon("rasfleet-watch-beat")));
    private static final ThreadPoolExecutor WATCHES = idle(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("rasfleet-watch")));
    private final ScheduledFuture<?> watcher;
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile String stopReason;
    private volatile ProcessEnd end;
    private double lastProgress = Double.NaN;

    private PlanProcess(PlanLaunch launch, Process process, ProcessHandle handle, Instant started) {
        this.launch = launch;
        this.process = process;
        this.handle = handle;
        this.tree = new ProcessTree(handle);
        this.started = started;
        long every = Math.max(100, Math.min(1000, launch.pollInterval().toMillis()));
        this.watcher = BEATS.scheduleWithFixedDelay(() -> {
            if (watching.compareAndSet(false, true)) {
                WATCHES.execute(() -> {
                    try {
                        watch();
                    } finally {
                        watching.set(false);
                    }
                });
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Threads that end when idle: no thread of a redeployed application stays behind. */
    private static <T extends ThreadPoolExecutor> T idle(T pool) {
        if (pool instanceof ScheduledThreadPoolExecutor scheduled) {
            scheduled.setRemoveOnCancelPolicy(true);
        }
        pool.setKeepAliveTime(10, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Starts the launch. A program that cannot be started is not an exception: the returned
     * process has already ended as {@link ProcessEnd.How#FAILED_TO_START}, with the reason.
     */
    public static PlanProcess start(PlanLaunch launch) {
        Instant started = Instant.now();
        if (launch.workingDirectory() == null || !Files.isDirectory(launch.workingDirectory())) {
            return failed(launch, "cannot start " + launch.program() + ": working folder " + launch.workingDirectory()
                    + " does not exist");
        }
        try {
            Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(commandWithPriority(launch))
                    .directory(launch.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()))
                    .redirectInput(launch.input() != null ? ProcessBuilder.Redirect.PIPE
                            : ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")));
            Map<String, String> environment = builder.environment();
            environment.putAll(launch.environment());
            // HDF5's file locks fail on network shares and leave HEC-RAS unable to write its results.
            environment.put("HDF5_USE_FILE_LOCKING", "FALSE");
            Process process = builder.start();
            if (launch.input() != null) {
                feed(launch, process);
            }
            PlanProcess running = new PlanProcess(launch, process, process.toHandle(), started);
            if (WINDOWS && launch.priority() != ProcessPriority.NORMAL) {
                WindowsPriority.apply(process.pid(), launch.priority());
            }
            return running;
        } catch (IOException e) {
            return failed(launch, "cannot start " + launch.command().get(0) + ": " + e.getMessage());
        }
    }

    /**
     * Writes the launch's input and closes it; a program that ended before reading it ends the
     * pipe, and its own end (in its log) says why.
     */
    /**
     * Follows a plan process this JVM did not start (launched by this server's previous life, which
     * died): its time limit counts from the process's own start, and its exit code is unknown (the
     * OS gives it only to the parent), so its end is judged by what it wrote.
     */
    public static PlanProcess adopt(PlanLaunch launch, ProcessHandle root) {
        return new PlanProcess(launch, null, root, root.info().startInstant().orElse(Instant.now()));
    }

    private static void feed(PlanLaunch launch, Process process) {
        try (java.io.OutputStream stdin = process.getOutputStream()) {
            launch.input().writeTo(stdin);
        } catch (IOException e) {
            LOG.log(Level.WARNING, launch.program() + " did not take its standard input: " + e.getMessage());
        }
    }

    private static List<String> commandWithPriority(PlanLaunch launch) {
        if (WINDOWS || launch.priority() == ProcessPriority.NORMAL) {
            return launch.command();
        }
        List<String> command = new ArrayList<>(List.of("nice", "-n", Integer.toString(launch.priority().niceness())));
        command.addAll(launch.command());
        return command;
    }

    private static PlanProcess failed(PlanLaunch launch, String reason) {
        LOG.log(Level.WARNING, reason);
        return new PlanProcess(launch, reason);
    }

    private PlanProcess(PlanLaunch launch, String failure) {
        this.launch = launch;
        this.process = null;
        this.handle = null;
        this.tree = null;
        this.started = Instant.now();
        this.watcher = null;
        this.end = new ProcessEnd(ProcessEnd.How.FAILED_TO_START, null, Duration.ZERO, failure);
    }

    /** Waits for the end: the process's exit, its time limit, or a {@link #stop}. */
    public ProcessEnd await() throws InterruptedException {
        if (end != null) {
            return end;
        }
        Duration left = launch.timeLimit().minus(Duration.between(started, Instant.now()));
        try {
            // the Process's own exit, not its handle's: the handle may report the end before the exit code is read (seen
            // once in 495 plans: IllegalThreadStateException "process hasn't exited" from exitValue)
            (process != null ? process.onExit() : handle.onExit()).get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            terminate(ProcessEnd.timeLimitReached(launch.timeLimit()), ProcessEnd.How.TIMED_OUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + launch.program() + " failed", e);
        }
        return finish();
    }

    /** Ends the whole process tree from any thread; {@link #await} then reports STOPPED with the reason. */
    public void stop(String reason) {
        if (handle != null && end == null) {
            terminate(reason, ProcessEnd.How.STOPPED);
        }
    }

    private synchronized void terminate(String reason, ProcessEnd.How how) {
        if (stopReason != null || end != null) {
            return;
        }
        stopReason = reason;
        boolean clean = tree.killAll(KILL_DEADLINE);
        Duration took = Duration.between(started, Instant.now());
        String suffix = clean ? "" : "; some processes of pid " + handle.pid() + " could not be killed";
        end = new ProcessEnd(how, null, took, reason + suffix);
        LOG.log(Level.INFO, "{0} (pid {1}) ended: {2}", launch.program(), handle.pid(), end.reason());
    }

    private synchronized ProcessEnd finish() {
        if (end == null && process == null) {
            end = new ProcessEnd(ProcessEnd.How.EXITED, null, Duration.between(started, Instant.now()),
                    launch.program() + " ended; its exit code is unknown (it was adopted after a restart of the server)");
        } else if (end == null) {
            int code = process.exitValue();
            end = new ProcessEnd(ProcessEnd.How.EXITED, code, Duration.between(started, Instant.now()),
                    launch.program() + " exited with code " + code);
        }
        tree.killAll(KILL_DEADLINE);
        watcher.cancel(false);
        poll();
        return end;
    }

    private void watch() {
        try {
            tree.refresh();
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "following " + launch.program() + " failed", e);
        }
    }

    private synchronized void poll() {
        if (launch.probe() == null || launch.listener() == null) {
            return;
        }
        try {
            OptionalDouble value = launch.probe().read();
            if (value.isPresent() && value.getAsDouble() != lastProgress) {
                lastProgress = value.getAsDouble();
                launch.listener().progress(lastProgress);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "progress of " + launch.program() + " unreadable", e);
        }
    }

    /** The root process's pid and start, recorded so that a restarted server can find orphans; null if it never started. */
    public Long pid() {
        return handle == null ? null : handle.pid();
    }

    public Instant processStart() {
        return handle == null ? null : handle.info().startInstant().orElse(started);
    }

    /** Every pid of the tree seen so far, the root's first. */
    public List<Long> pids() {
        return tree == null ? List.of() : tree.pids();
    }

    @Override
    public void close() {
        if (handle == null) {
            return;
        }
        if (end == null) {
            terminate("closed before it ended", ProcessEnd.How.STOPPED);
        } else {
            tree.killAll(KILL_DEADLINE);
        }
        watcher.cancel(false);
    }
}
