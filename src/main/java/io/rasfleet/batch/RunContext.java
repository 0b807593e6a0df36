package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.worker.HostPreprocessing;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one execution of a run holds while it goes, and nothing the database should know: the
 * project and its snapshot, the workers' sessions (each opened once, on its first plan), the
 * preprocessing for Linux engine workers, and the plans running now (so that a stop reaches them).
 * Closing it ends what runs and removes what the run left, on every worker and on this machine.
 */
final class RunContext implements AutoCloseable {


    final long runId;
    final long executionId;
    final String server;
    final RasProject project;
    final ProjectSnapshot snapshot;
    final SlotPool pool;
    final Map<String, Worker> workers;
    final RunSettings settings;
    final HostPreprocessing preprocessing;
    final io.rasfleet.metrics.FleetMeters meters;
    /** The geometry preprocessor's outputs this execution brought home ({@code copyGeometryOutputs}). */
    final io.rasfleet.worker.GeometryHome geometryHome = new io.rasfleet.worker.GeometryHome();
    private final Map<String, WorkerSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, PlanExecution> running = new ConcurrentHashMap<>();
    private volatile String stopReason;
    private volatile boolean closed;
    /** The attempts of this run that this server's previous life left computing, for its plans to adopt; none when null. */
    private volatile HeldAttempts held;

    RunContext(long runId, long executionId, String server, RasProject project, ProjectSnapshot snapshot, SlotPool pool,
            Map<String, Worker> workers, RunSettings settings, HostPreprocessing preprocessing,
            io.rasfleet.metrics.FleetMeters meters) {
        this.runId = runId;
        this.executionId = executionId;
        this.server = server;
        this.project = project;
        this.snapshot = snapshot;
        this.pool = pool;
        this.workers = Map.copyOf(workers);
        this.settings = settings;
        this.preprocessing = preprocessing;
        this.meters = meters;
    }

    /** This execution adopts the run's attempts that {@code held} holds: their slots are reserved now, before any plan asks for one. */
    RunContext adopting(HeldAttempts held) {
        this.held = held;
        held.reserveSlots(runId);
        return this;
    }

    /** The attempt of {@code plan} that this server's previous life left computing, now the caller's to adopt. */
    java.util.Optional<HeldAttempts.Held> heldAttempt(String plan) {
        HeldAttempts attempts = held;
        return attempts == null ? java.util.Optional.empty() : attempts.take(runId, plan);
    }

    /** The workers of the shared pool that this run may not use. */
    Set<String> notForThisRun() {
        Set<String> others = new HashSet<>(pool.workerNames());
        others.removeAll(workers.keySet());
        return others;
    }

    /** The worker's session for this run, staging the snapshot (proven by size and SHA-256) on first use. */
    WorkerSession session(String worker) throws WorkerException {
        synchronized (workers.get(worker)) {
            if (closed) {
                throw new WorkerException("run " + runId + " is closing: no new plan starts on " + worker, null);
            }
            WorkerSession session = sessions.get(worker);
            if (session == null) {
                session = io.rasfleet.worker.SnapshotProof.open(workers.get(worker), new WorkerRun(server, runId, snapshot));
                sessions.put(worker, session);
                meters.staged(worker, snapshot.totalBytes());
            }
            return session;
        }
    }

    void running(String plan, PlanExecution execution) {
        running.put(plan, execution);
        String reason = stopReason;
        if (reason != null) {
            execution.stop(reason);
        }
    }

    void done(String plan) {
        running.remove(plan);
    }

    /** Stops the run's plans: those computing through their execution, those waiting for a slot by waking them. */
    void stop(String reason) {
        stopReason = reason;
        pool.wakeWaiting();
        running.values().forEach(e -> e.stop(reason));
    }

    String stopReason() {
        return stopReason;
    }

    /**
     * Ends the run's plans and removes what it left: the sessions (the workers' run folders, volumes
     * and snapshots, unless autoclean is off) and the preprocessing's scratch folders. Safe to call
     * twice; after it, no plan of this execution starts.
     */
    @Override
    public void close() {
        closed = true;
        if (stopReason == null) {
            stopReason = "the run is closing";
        }
        pool.wakeWaiting();
        running.values().forEach(e -> e.stop(stopReason));
        for (Worker worker : workers.values()) {
            WorkerSession session;
            synchronized (worker) {
                session = sessions.remove(worker.spec().name());
            }
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    LOG.closingWorkerFailed(runId, worker.spec().name(), e);
                }
            }
        }
        preprocessing.close();
    }
}
