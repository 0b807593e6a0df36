package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.CurrentResult;
import io.rasfleet.schedule.BatchThreadPool;
import io.rasfleet.schedule.SlotPool;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.ComputeInputsMaker;
import io.rasfleet.worker.HostPreprocessing;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds each running execution's {@link RunContext}: made by the stage step (again on a restart),
 * used by the partitions, closed when the job ends however it ends ({@link RunEndListener}: done,
 * failed or stopped) and when the server shuts down, so that every end cleans up the same way.
 */
@ApplicationScoped
public class RunCoordinator {

    private final Map<Long, RunContext> contexts = new ConcurrentHashMap<>();
    private SlotPool pool;

    @Inject
    RunStore runs;

    @Inject
    io.rasfleet.store.AttemptStore attempts;

    @Inject
    WorkerStore workerStore;

    @Inject
    io.rasfleet.metrics.FleetMeters meters;

    @Inject
    void slots(io.rasfleet.schedule.ServerSlots slots) {
        this.pool = slots.pool();
        this.held = new HeldAttempts(live, pool);
    }

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedThreadFactory threads;

    private final List<java.util.concurrent.ExecutorService> leaseBeats = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Set<String> rechecking = ConcurrentHashMap.newKeySet();
    private final LiveAttempts live = new LiveAttempts();
    private HeldAttempts held;

    /**
     * From start-up on, this server renews the leases of the attempts its threads own and fences
     * them itself when it cannot ({@link LeaseKeeper}), each beat on a thread of its own: a renewal
     * stuck on an unreachable database must not hold up the self-fencing, and neither may wait
     * behind the other scheduled work of the server (the live feed, health checks) when the CPU is
     * short.
     */
    void keepLeases(@jakarta.enterprise.event.Observes jakarta.enterprise.event.Startup event) {
        LeaseKeeper keeper = new LeaseKeeper(attempts, live, attempts.lease(), System::nanoTime);
        leaseBeats.add(beat("rasfleet-lease-renewal", keeper::renew, keeper.renewEvery()));
        leaseBeats.add(beat("rasfleet-self-fence", keeper::fenceIfSilent, keeper.checkEvery()));
    }

    private java.util.concurrent.ScheduledExecutorService beat(String name, Runnable task, java.time.Duration every) {
        java.util.concurrent.ScheduledThreadPoolExecutor beat = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            // a managed thread: the renewal writes to the database in a transaction of the container's
            Thread thread = threads.newThread(r);
            thread.setName(name);
            return thread;
        });
        beat.scheduleWithFixedDelay(task, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return beat;
    }

    /** The attempts this server's threads own now. */
    LiveAttempts live() {
        return live;
    }

    /**
     * For the start-up clean-up of workers ({@code api.StartupSetup}, which may not see this
     * package): whether work found on a worker belongs to an attempt a thread of this server owns
     * at the moment it is asked, which {@link io.rasfleet.worker.Worker#endAbandoned} must spare.
     * The only bean of its type: a qualifier would have to live in {@code worker}, which knows no CDI.
     */
    @jakarta.enterprise.inject.Produces
    java.util.function.Predicate<io.rasfleet.worker.AttemptRef> liveWork() {
        return live::covers;
    }

    /**
     * Takes back an attempt this server's previous life left RUNNING, to be adopted by its run's
     * next execution: from now its lease is renewed and its work spared by the start-up clean-up.
     * False when it could not be (someone decided about it meanwhile).
     */
    public boolean hold(io.rasfleet.store.AttemptStore.RunningAttempt seen) {
        return attempts.reown(seen).map(taken -> {
            held.hold(taken, seen.worker(), seen.host());
            return true;
        }).orElse(false);
    }

    /** The runs whose attempts {@link #hold} took back and no execution has adopted yet. */
    public Set<Long> heldRuns() {
        return held.runs();
    }

    /** Lets go of the run's held attempts (it could not resume): how many there were. */
    public int releaseHeld(long runId) {
        return held.release(runId).size();
    }

    /** Stages a run: checks its plans against the project, records them, takes the snapshot, sets up the slots. */
    public String stage(long runId, long executionId) {
        RunEntity run = runs.find(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is not recorded"));
        RasProject project = RasProject.open(Path.of(run.getProjectFile()));
        List<PlanId> requested = Arrays.stream(run.getRequestedPlans().split(",")).map(PlanId::parse).toList();
        Map<String, String> titles = new LinkedHashMap<>();
        for (PlanId id : requested) {
            titles.put(id.digits(), project.plan(id).title());
        }
        runs.ensurePlans(runId, titles);
        int skipped = skipCurrent(run, project);
        PlanEstimates estimates = new PlanEstimates(runs);
        estimates.record(runId, run.getProjectFile(), project, requested);
        List<PlanId> open = unfinished(runId);
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, open.isEmpty() ? requested : open);
        List<WorkerSpec> configured = workerStore.list();
        Map<String, Worker> workers = new LinkedHashMap<>();
        for (WorkerSpec spec : configured) {
            if (spec.enabled() && (run.workerNames().isEmpty() || run.workerNames().contains(spec.name()))) {
                workers.put(spec.name(), Workers.of(run.isAutoclean() ? spec : spec.withAutoclean(false)));
            }
        }
        if (workers.isEmpty()) {
            throw new IllegalStateException("run " + runId + " has no enabled worker to run on");
        }
        pool.update(configured);
        pool.speeds(estimates.workerTimeFactors());

        meters.watch(pool);
        BatchThreadPool.fit(pool.totalSlots(), contexts.size() + 1);
        RunSettings settings = new RunSettings(run.getNumCores(), run.isClearGeompre(), run.getMaxAttempts(),
                Duration.ofMinutes(run.getTimeoutMinutes()), run.getPriority(), run.isForceGeompre(), run.isCopyGeometryOutputs());
        HostPreprocessing preprocessing = new HostPreprocessing(runId, project.folder(),
                preprocessors(configured, workers.keySet()), this::preprocessingSlot);
        RunContext old = contexts.put(runId, new RunContext(runId, executionId, runs.node(), project, snapshot, pool, workers,
                settings, preprocessing, meters).adopting(held));
        if (old != null) {
            old.close();
        }
        return open.size() + " plans to run" + (skipped == 0 ? "" : " (" + skipped + " skipped, results current)") + " on " + pool.slots(workers.keySet()) + " slots of " + String.join(", ", workers.keySet())
                + "; snapshot of " + snapshot.entries().size() + " files, " + snapshot.totalBytes() + " bytes";
    }

    /**
     * With {@code skipCurrent} and without {@code force}, marks SKIPPED each plan that has not been
     * tried in this run and whose result in the project is current ({@link CurrentResult}). A plan
     * already tried keeps its course on a restart, and a skipped one stays skipped.
     *
     * @return how many plans were skipped now
     */
    private int skipCurrent(RunEntity run, RasProject project) {
        if (!run.isSkipCurrent() || run.isForce()) {
            return 0;
        }
        int skipped = 0;
        for (PlanRunEntity plan : runs.find(run.getId()).orElseThrow().getPlans()) {
            if (plan.getState() != PlanRunEntity.State.PENDING || plan.getAttempts() > 0) {
                continue;
            }
            PlanId id = PlanId.parse(plan.getPlan());
            CurrentResult result = CurrentResult.of(project, id);
            if (result.current()) {
                runs.skipPlan(run.getId(), plan.getPlan(), result.reason(), project.plan(id).resultFile().toString());
                skipped++;
            }
        }
        return skipped;
    }

    /**
     * The Windows-capable workers that may make compute inputs for this run's Linux engine workers:
     * those that only preprocess first, then those of the run. Other runs' workers stay theirs.
     */
    private static List<Worker> preprocessors(List<WorkerSpec> configured, Set<String> ofRun) {
        return configured.stream()
                .filter(s -> s.enabled() && (s.preprocessOnly() || ofRun.contains(s.name())))
                .sorted(Comparator.comparing((WorkerSpec s) -> !s.preprocessOnly()).thenComparingInt(WorkerSpec::queuePriority))
                .map(Workers::of)
                .filter(w -> w instanceof ComputeInputsMaker)
                .toList();
    }

    private AutoCloseable preprocessingSlot(String worker) throws InterruptedException {
        SlotPool.Slot slot = pool.acquireOn(worker, SlotPool.SLOT_WAIT).orElseThrow(() -> new IllegalStateException("worker " + worker
                + " has no slot to preprocess in (disabled or removed)"));
        return () -> pool.release(slot);
    }

    /** The run's plans that have not succeeded yet and were not skipped, in the order they should start. */
    public List<PlanId> unfinished(long runId) {
        RunEntity run = runs.find(runId).orElseThrow();
        Map<PlanId, Duration> expected = new LinkedHashMap<>();
        run.getPlans().stream().filter(p -> p.getExpectedSeconds() != null).forEach(p -> expected.put(PlanId.parse(p.getPlan()),
                Duration.ofMillis(Math.round(p.getExpectedSeconds() * 1000))));
        List<PlanId> open = run.getPlans().stream()
                .filter(p -> p.getState() != PlanRunEntity.State.SUCCEEDED && p.getState() != PlanRunEntity.State.SKIPPED)
                .map(p -> PlanId.parse(p.getPlan()))
                .toList();
        return io.rasfleet.schedule.PlanOrder.order(open, expected);
    }

    Optional<RunContext> context(long runId) {
        return Optional.ofNullable(contexts.get(runId));
    }

    /** How many of the run's plans may compute at once: its workers' slots, capped by its {@code maxConcurrent}. */
    int slots(long runId) {
        int slots = context(runId).map(c -> pool.slots(c.workers.keySet())).orElse(1);
        Integer cap = runs.find(runId).map(RunEntity::getMaxConcurrent).orElse(null);
        return cap == null ? slots : Math.min(slots, cap);
    }

    /** Stops every running plan of a run: JBeret stops the partitions, this reaches their processes. */
    void stop(long runId, String reason) {
        context(runId).ifPresent(c -> c.stop(reason));
    }

    /**
     * A worker could not be reached or logged in to: it gets no new plans, from any run, until its
     * check passes again, which is tried every {@code -Drasfleet.health.recheck.seconds} in the background.
     */
    void lost(String worker, String reason) {
        Duration recheck = io.rasfleet.config.ServerConfig.healthRecheck();
        pool.markUnhealthy(worker);
        LOG.workerUnhealthy(worker, reason);
        if (rechecking.add(worker)) {
            scheduler.schedule(() -> recheck(worker), recheck.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void recheck(String worker) {
        try {
            Optional<WorkerSpec> spec = workerStore.find(worker).filter(WorkerSpec::enabled);
            if (spec.isEmpty()) {
                rechecking.remove(worker);
                return;
            }
            io.rasfleet.worker.CheckReport report = Workers.of(spec.get()).check();
            if (report.ok()) {
                rechecking.remove(worker);
                pool.markHealthy(worker);
                LOG.workerHealthy(worker);
                return;
            }
            LOG.workerStillUnhealthy(worker, report.summary());
        } catch (RuntimeException e) {
            LOG.workerCheckFailed(worker, e);
        }
        scheduler.schedule(() -> recheck(worker), io.rasfleet.config.ServerConfig.healthRecheck().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Ends execution {@code executionId} of a run: its plans are stopped, what it left on workers and
     * here is removed, and its context forgotten. A newer execution's context (a restart that began
     * meanwhile) is left alone.
     */
    void close(long runId, long executionId) {
        RunContext context = contexts.get(runId);
        if (context != null && context.executionId == executionId && contexts.remove(runId, context)) {
            context.close();
            // attempts no plan of it adopted (the execution failed before): their leases run out
            held.release(runId);
        }
    }

    /** A server that shuts down leaves nothing running or staged behind; a restart sends again what it needs. */
    @jakarta.annotation.PreDestroy
    void closeAll() {
        leaseBeats.forEach(java.util.concurrent.ExecutorService::shutdownNow);
        for (Long runId : List.copyOf(contexts.keySet())) {
            RunContext context = contexts.remove(runId);
            if (context != null) {
                context.close();
            }
        }
    }

    /** Whether this server holds a context for the run (it is staged and not yet closed). */
    boolean holds(long runId) {
        return contexts.containsKey(runId);
    }
}
