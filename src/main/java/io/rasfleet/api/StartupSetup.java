package io.rasfleet.api;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.local.LocalSettings;
import io.rasfleet.worker.local.LocalWorker;
import io.rasfleet.worker.WorkerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * At start-up: attempts a dead server left running are reconciled; the workers of {@code RASFLEET_WORKERS} (a ras-commander style JSON file) are
 * loaded; with no worker at all, the demo's local worker on the HEC-RAS stand-in is added; and with
 * no project roots configured, the sample project is placed in the default root.
 */
@ApplicationScoped
public class StartupSetup {


    @Inject
    WorkerStore workers;

    @Inject
    AttemptStore attempts;

    @Inject
    RunStore runs;

    @Inject
    ServerSettings settings;

    @Inject
    io.rasfleet.store.Installations installations;

    @Inject
    io.rasfleet.batch.RunCoordinator coordinator;

    @Inject
    io.rasfleet.store.RunReads reads;

    @Inject
    RunLauncher launcher;

    /** How long after start-up the runs of taken-back attempts restart: JBeret restarts jobs only once the deployment is up. */
    private static final java.time.Duration RESUME_AFTER = java.time.Duration.ofSeconds(2);

    /**
     * Whether work found on a worker belongs to an attempt this server runs now (made by the batch
     * layer from its live attempts): the clean-up below runs in the background while a run
     * restarted just after boot may already compute, and must leave that run's work alone.
     */
    @Inject
    java.util.function.Predicate<io.rasfleet.worker.AttemptRef> liveWork;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    void onStart(@Observes Startup event) {
        io.rasfleet.worker.Secrets.install(CredentialStoreSecrets.configured());
        installId();
        reconcile();
        io.rasfleet.config.ServerConfig.workersFile().ifPresent(this::loadWorkers);
        if (workers.list().isEmpty()) {
            addDemoWorker();
        }
        if (io.rasfleet.config.ServerConfig.projectRoots().isEmpty()) {
            placeSampleProject(settings.dataFolder().resolve("projects"));
        }
        // The batch thread pool is fitted to the slots when a run is staged: its management
        // resource cannot be read while the server boots.
        LOG.ready(settings.roots().roots(),
                workers.list().stream().map(WorkerSpec::name).toList());
    }

    /** This installation's id, made by the first server to start: a peer starting at the same moment may have won, then it is read. */
    private void installId() {
        try {
            io.rasfleet.worker.Installation.install(installations.id());
        } catch (RuntimeException first) {
            io.rasfleet.worker.Installation.install(installations.id());
        }
    }

    /**
     * Attempts left RUNNING by this server's previous life (a crash, a kill -9) on a worker still
     * configured, of a run that was going on, are taken back under a new epoch and their runs
     * restarted, so that each plan adopts its attempt's work where it still computes (a restart
     * costs no compute time) and only attempts whose work is gone are tried again. The others are
     * marked lost and their plans made pending again; their processes, if still alive on this
     * machine, are ended, and their runs wait for an operator's restart (our API or WildFly's
     * restart-job). A live server under the same name (it renews its leases) makes this one refuse
     * to start ({@link PreviousLife}).
     */
    private void reconcile() {
        List<AttemptStore.RunningAttempt> left;
        try {
            left = PreviousLife.left(attempts, duration -> Thread.sleep(duration.toMillis()));
        } catch (PreviousLife.TwinServerException e) {
            LOG.twinServer(e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("start-up interrupted while it watched this server's leases", e);
        }
        int held = 0;
        // each run and worker read once, however many of its attempts were left: at a cluster's size, hundreds
        java.util.Map<Long, Boolean> going = new java.util.HashMap<>();
        java.util.Map<String, Boolean> enabled = new java.util.HashMap<>();
        for (AttemptStore.RunningAttempt attempt : left) {
            if (adoptable(attempt, going, enabled) && coordinator.hold(attempt)) {
                held++;
                continue;
            }
            String reason = "lost: the server stopped while attempt " + attempt.number() + " ran on " + attempt.worker();
            if (!attempts.markLost(attempt, reason)) {
                continue;
            }
            // a pid means something only on the machine that recorded it
            boolean here = io.rasfleet.worker.LocalHost.name().equals(attempt.host());
            boolean killed = here && attempt.pid() != null && LocalWorker.endOrphan(attempt.pid(), attempt.processStart());
            LOG.attemptLostWithServer(attempt.runId(), attempt.plan(), reason
                    + (killed ? "; its process " + attempt.pid() + " was still running and has been ended" : ""));
        }
        // A process launched just before a crash may have no record (the write died with the server);
        // remote workers are reached in the background so that a dead machine does not hold up the start,
        // and by then a restarted run may compute again: the workers spare what its live attempts have there.
        for (WorkerSpec spec : workers.list()) {
            if (spec.type().equals(LocalSettings.TYPE)) {
                endAbandoned(spec);
            } else if (spec.enabled()) {
                executor.submit(() -> endAbandoned(spec));
            }
        }
        resumeHeldRuns(held);
    }

    /**
     * Whether an attempt left RUNNING may be adopted by its run's next execution: its worker is
     * still configured and enabled, and its run was going on (not being stopped) when the server died.
     */
    private boolean adoptable(AttemptStore.RunningAttempt attempt, java.util.Map<Long, Boolean> going,
            java.util.Map<String, Boolean> enabled) {
        return enabled.computeIfAbsent(attempt.worker(), name -> workers.find(name).filter(WorkerSpec::enabled).isPresent())
                && going.computeIfAbsent(attempt.runId(), id -> reads.find(id)
                        .map(run -> "STARTED".equals(run.getStatus()) || "STARTING".equals(run.getStatus())).orElse(false));
    }

    /**
     * Restarts the runs whose attempts were taken back, so that their plans adopt them: in the
     * background once the server is up (JBeret takes restarts only then), as an operator's restart
     * would. A run that cannot restart lets go of its attempts: their leases run out, and the
     * operator's restart later takes them over.
     */
    private void resumeHeldRuns(int attempts) {
        java.util.Set<Long> held = coordinator.heldRuns();
        if (held.isEmpty()) {
            return;
        }
        LOG.attemptsHeld(attempts, held.toString());
        scheduler.schedule(() -> {
            for (long runId : coordinator.heldRuns()) {
                try {
                    launcher.restart(reads.find(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is gone")), null);
                } catch (RuntimeException e) {
                    LOG.resumeFailed(runId, coordinator.releaseHeld(runId), e);
                }
            }
        }, RESUME_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void endAbandoned(WorkerSpec spec) {
        try {
            int ended = io.rasfleet.worker.Workers.of(spec).endAbandoned(runs.node(), liveWork);
            if (ended > 0) {
                LOG.endedAbandoned(ended, spec.name());
            }
        } catch (io.rasfleet.worker.WorkerException | RuntimeException e) {
            LOG.endAbandonedFailed(spec.name(), e);
        }
    }

    static int enabledSlots(List<WorkerSpec> specs) {
        return specs.stream().filter(WorkerSpec::enabled).mapToInt(WorkerSpec::slots).sum();
    }

    private void loadWorkers(Path file) {
        try {
            WorkerFile.Contents contents = WorkerFile.read(file);
            contents.workers().forEach(workers::save);
            contents.refused().forEach(message -> LOG.workerFileRefused(file, message));
        } catch (IllegalArgumentException e) {
            LOG.workerFileUnreadable(file, e);
        }
    }

    private void addDemoWorker() {
        Path standIn = io.rasfleet.config.ServerConfig.serverHome().resolve("ras-sim").resolve("Ras");
        if (!Files.isExecutable(standIn)) {
            LOG.noDemoWorker(standIn);
            return;
        }
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        workers.save(new WorkerSpec("local", true, cores, 1, 0, io.rasfleet.engine.ProcessPriority.NORMAL, settings.dataFolder().resolve("work").toString(), null, true,
                new LocalSettings(standIn.toString(), null, null, false)));
        LOG.demoWorkerAdded(cores, standIn);
    }

    private void placeSampleProject(Path root) {
        Path target = root.resolve("Muncie");
        if (Files.exists(target)) {
            return;
        }
        try (InputStream index = getClass().getResourceAsStream("/samples/Muncie/INDEX")) {
            if (index == null) {
                return;
            }
            Files.createDirectories(target);
            List<String> names = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            for (String name : names) {
                try (InputStream in = getClass().getResourceAsStream("/samples/Muncie/" + name)) {
                    Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            LOG.sampleProjectPlaced(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the sample project at " + target, e);
        }
    }
}
