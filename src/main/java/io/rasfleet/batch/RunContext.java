package io.rasfleet.batch;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one execution of a run holds while it goes: the project and its snapshot, the slots, the
 * workers' sessions (each opened once, on its first plan), and the plans running now.
 */
final class RunContext {

    private static final System.Logger LOG = System.getLogger(RunContext.class.getName());

    final long runId;
    final RasProject project;
    final ProjectSnapshot snapshot;
    final SlotPool pool;
    final Map<String, Worker> workers;
    final RunSettings settings;
    private final Map<String, WorkerSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, PlanExecution> running = new ConcurrentHashMap<>();
    private volatile String stopReason;
    private final Map<String, Map<String, java.nio.file.Path>> computeInputs = new ConcurrentHashMap<>();
    private final java.util.List<java.nio.file.Path> scratch = new java.util.concurrent.CopyOnWriteArrayList<>();

    RunContext(long runId, RasProject project, ProjectSnapshot snapshot, SlotPool pool, Map<String, Worker> workers,
            RunSettings settings) {
        this.runId = runId;
        this.project = project;
        this.snapshot = snapshot;
        this.pool = pool;
        this.workers = Map.copyOf(workers);
        this.settings = settings;
    }

    /** The workers of the shared pool that this run may not use. */
    java.util.Set<String> notForThisRun() {
        java.util.Set<String> others = new java.util.HashSet<>(pool.workerNames());
        others.removeAll(workers.keySet());
        return others;
    }

    /** The worker's session for this run, staging the snapshot on first use. */
    WorkerSession session(String worker) throws WorkerException {
        synchronized (workers.get(worker)) {
            WorkerSession session = sessions.get(worker);
            if (session == null) {
                session = workers.get(worker).open(runId, snapshot);
                sessions.put(worker, session);
            }
            return session;
        }
    }

    /**
     * The task as {@code worker} needs it: for a Linux engine worker with {@code preprocess_on_host},
     * the compute inputs the project lacks, made once per plan and run by a Windows-capable worker
     * of this run's pool, on the app server.
     */
    io.rasfleet.worker.PlanTask forWorker(String worker, io.rasfleet.worker.PlanTask task) throws WorkerException {
        io.rasfleet.worker.WorkerSpec spec = workers.get(worker).spec();
        if (!spec.preprocessOnHost()) {
            return task;
        }
        java.util.List<String> missing = io.rasfleet.project.ComputeInputs.of(project.name(), task.plan()).missingFrom(task.files());
        if (missing.isEmpty()) {
            return task;
        }
        String plan = task.plan().id().digits();
        synchronized (computeInputs) {
            Map<String, java.nio.file.Path> made = computeInputs.get(plan);
            if (made == null) {
                io.rasfleet.worker.ComputeInputsMaker maker = workers.values().stream()
                        .filter(w -> w instanceof io.rasfleet.worker.ComputeInputsMaker && w.spec().enabled())
                        .map(w -> (io.rasfleet.worker.ComputeInputsMaker) w)
                        .findFirst()
                        .orElseThrow(() -> new WorkerException("worker " + worker + " has preprocess_on_host, but no"
                                + " Windows-capable worker (local) is in this run's pool to make " + String.join(", ", missing),
                                null));
                java.nio.file.Path into;
                try {
                    into = java.nio.file.Files.createTempDirectory("rasfleet-run-" + runId + "-preprocess-p" + plan + "-");
                } catch (java.io.IOException e) {
                    throw new WorkerException("no scratch folder for preprocessing plan " + plan + ": " + e.getMessage(), e);
                }
                scratch.add(into);
                made = maker.makeComputeInputs(task, project.folder(), into);
                computeInputs.put(plan, made);
            }
            return task.withComputeInputs(made);
        }
    }

    void running(String plan, PlanExecution execution) {
        running.put(plan, execution);
        if (stopReason != null) {
            execution.stop(stopReason);
        }
    }

    void done(String plan) {
        running.remove(plan);
    }

    void stop(String reason) {
        stopReason = reason;
        running.values().forEach(e -> e.stop(reason));
    }

    String stopReason() {
        return stopReason;
    }

    void close() {
        running.values().forEach(e -> e.stop("the run is closing"));
        sessions.forEach((name, session) -> {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing worker " + name + " for run " + runId + ": " + e.getMessage());
            }
        });
        sessions.clear();
        for (java.nio.file.Path folder : scratch) {
            try {
                io.rasfleet.transfer.LocalStaging.deleteTree(folder);
            } catch (java.io.IOException e) {
                LOG.log(Level.WARNING, "could not remove " + folder + ": " + e.getMessage());
            }
        }
        scratch.clear();
        computeInputs.clear();
    }
}
