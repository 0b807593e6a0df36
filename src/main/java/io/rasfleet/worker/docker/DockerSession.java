package io.rasfleet.worker.docker;

import static io.rasfleet.log.RasfleetLogger.LOG;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.Causes;
import io.rasfleet.transfer.TarStreams;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.StagingReport;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.linux.CachedStaging;
import io.rasfleet.worker.linux.ContentCache;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import io.rasfleet.worker.linux.SnapshotListing;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run on a Docker worker: the snapshot in a volume {@code rasfleet-<server>-run-<id>-<worker>},
 * built on the engine's side from the worker's cache volume ({@code rasfleet-cache-<worker>}, a
 * {@link ContentCache}) after only the files it lacks were sent, and mounted read-only into each
 * plan's container.
 */
final class DockerSession implements WorkerSession {

    static final String LABEL_RUN = "io.rasfleet.run";
    static final String LABEL_WORKER = "io.rasfleet.worker";
    /** The server that made a volume or container: only it (or a peer taking over an expired attempt) removes it. */
    static final String LABEL_SERVER = "io.rasfleet.server";
    /** A plan container's attempt, {@code server/run-7/p01-a2}. */
    static final String LABEL_ATTEMPT = "io.rasfleet.attempt";
    /**
     * The worker's cache of project files on the engine: one volume per worker name,
     * {@code rasfleet-cache-<worker>}, shared by every server that has the worker (so two servers
     * send a content once) and bounded by that worker's {@code cache_limit_mb}. No run's label is
     * on it, so no run's clean-up removes it.
     */
    static final String CACHE_VOLUME = "rasfleet-cache-";
    static final String LABEL_CACHE = "io.rasfleet.cache";
    /** Where staging containers mount the cache volume. */
    static final String CACHE_FOLDER = "/rasfleet-cache";

    private final DockerWorker worker;
    private final DockerEngine engine;
    private final io.rasfleet.worker.WorkerRun run;
    private final ProjectSnapshot snapshot;
    private final String volume;
    private final List<String> files;
    private StagingReport staging;

    private DockerSession(DockerWorker worker, DockerEngine engine, io.rasfleet.worker.WorkerRun run, String volume) {
        this.worker = worker;
        this.engine = engine;
        this.run = run;
        this.snapshot = run.snapshot();
        this.volume = volume;
        this.files = snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList();
    }

    String snapshotFolder() {
        return worker.spec().workerFolder().replaceAll("/+$", "") + "/snapshot";
    }

    static DockerSession open(DockerWorker worker, io.rasfleet.worker.WorkerRun run) throws WorkerException {
        ProjectSnapshot snapshot = run.snapshot();
        String name = worker.spec().name();
        DockerEngine engine;
        try {
            engine = DockerEngine.connect(name, worker.settings());
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + name + " (docker) cannot reach its engine: " + Causes.described(e), e);
        }
        String volume = "rasfleet-" + run.server() + "-run-" + run.runId() + "-" + worker.spec().tag();
        DockerSession session = new DockerSession(worker, engine, run, volume);
        String loader = null;
        boolean staged = false;
        try {
            try {
                engine.client().inspectImageCmd(worker.settings().dockerImage()).exec();
            } catch (NotFoundException e) {
                throw new WorkerException("worker " + name + " (docker): the image " + worker.settings().dockerImage()
                        + " is not on " + engine.address() + "; build or load it there (rasfleet never pulls images)", e);
            }
            session.removeUnlessMounted();
            engine.client().createVolumeCmd().withName(volume).withLabels(session.labels()).exec();
            engine.client().createVolumeCmd().withName(session.cacheVolume()).withLabels(Map.of(LABEL_CACHE, "sha256")).exec();
            CreateContainerResponse created = engine.client().createContainerCmd(worker.settings().dockerImage())
                    // a name of its own: a loader the server's previous life left mid-staging is spared while the run lives
                    .withName(volume + "-loader-" + Long.toString(System.nanoTime() & 0xffffffffL, 36))
                    .withLabels(session.labels())
                    .withCmd("true")
                    .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(session.cacheVolume(), new Volume(CACHE_FOLDER))))
                    .exec();
            loader = created.getId();
            String batch = io.rasfleet.worker.ServerName.safe(run.server()) + "-run-" + run.runId() + "-" + worker.spec().tag() + "-"
                    + Long.toString(System.nanoTime() & 0xffffffffL, 36);
            session.staging = CachedStaging.stage(session.new EngineSide(loader), CACHE_FOLDER, session.snapshotFolder(), batch,
                    run.runId(), snapshot, worker.settings().cacheLimitBytes());
            staged = true;
            return session;
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + name + " (docker " + engine.address() + ") could not receive the project"
                    + " snapshot into volume " + volume + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        } finally {
            // the loader goes first: closing the session closes the client it is removed with
            if (loader != null) {
                removeQuietly(engine, loader);
            }
            if (!staged) {
                session.close();
            }
        }
    }

    Map<String, String> labels() {
        return Map.of(LABEL_RUN, Long.toString(run.runId()), LABEL_WORKER, worker.spec().name(), LABEL_SERVER, run.server());
    }

    /** A plan container's labels: the run's, and the attempt it computes. */
    Map<String, String> labels(PlanTask task) {
        Map<String, String> labels = new java.util.HashMap<>(labels());
        labels.put(LABEL_ATTEMPT, run.attempt(task.folderName()).label());
        return labels;
    }

    /** {@code server/run-7/p01-a2} of an attempt of this run. */
    String owner(PlanTask task) {
        return run.attempt(task.folderName()).label();
    }

    /**
     * Follows the attempt whose container (labelled with it) a previous life of the server left on
     * the engine, by the pid and exit files its launch keeps in the container's folder; empty when
     * there is no such container, nothing was launched in it, or its programs were killed without
     * an exit code.
     */
    @Override
    public java.util.Optional<PlanExecution> adopt(PlanTask task) throws WorkerException {
        String rasEngine = worker.engine(task.plan());
        java.util.Optional<DockerEngineFolder> found;
        try {
            found = DockerEngineFolder.find(this, task);
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (docker " + engine.address() + ") could not look for"
                    + " the container of attempt " + task.folderName() + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        }
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        return LinuxEnginePlan.adopt(task, found.get(), rasEngine, snapshot.folder(), worker.spec(), owner(task))
                .map(PlanExecution.class::cast);
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        LinuxEnginePlan.requireComputeInputs(task, files, worker.spec().name());
        String rasEngine = worker.engine(task.plan());
        DockerEngineFolder folder;
        try {
            folder = DockerEngineFolder.make(this, task);
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (docker " + engine.address() + ") could not start a"
                    + " container for plan " + task.plan().id() + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        }
        return LinuxEnginePlan.prepare(task, folder, rasEngine, snapshot.folder(),
                worker.spec(), owner(task));
    }

    /**
     * A short-lived container of the worker's image, the volume mounted read-only, hashes the copy
     * inside the engine, so nothing of the snapshot travels back. It carries the session's labels,
     * so that a crash in between leaves nothing {@link DockerWorker#endAbandoned} cannot find.
     */
    @Override
    public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
        String what = "worker " + worker.spec().name() + " (docker " + engine.address() + ") could not list what volume " + volume
                + " holds of the project snapshot";
        try {
            ShortContainer.Answer answer = ShortContainer.run(engine, engine.client()
                    .createContainerCmd(worker.settings().dockerImage())
                    .withName(volume + "-proof-" + Long.toString(java.time.Instant.now().toEpochMilli(), 36))
                    .withLabels(labels())
                    .withCmd(SnapshotListing.command(snapshotFolder()))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withBinds(new Bind(volume, new Volume(snapshotFolder()), AccessMode.ro))), Duration.ofMinutes(30));
            if (answer.exitCode() != 0) {
                throw new WorkerException(what + ": the listing ended with exit code " + answer.exitCode() + ": "
                        + answer.stderr().strip(), null);
            }
            Map<String, ProjectSnapshot.Entry> held = SnapshotListing.parse(answer.stdout());
            List<String> damaged = io.rasfleet.worker.SnapshotProof.wrongContents(snapshot, held);
            if (!damaged.isEmpty()) {
                inContainer(ContentCache.purgeCommand(CACHE_FOLDER, damaged), "removing damaged cache entries", "-purge-");
                LOG.cacheEntriesDamaged("worker " + worker.spec().name() + " (docker " + engine.address() + ")", damaged.size());
            }
            return held;
        } catch (IOException | RuntimeException e) {
            throw new WorkerException(what + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException(what + ": interrupted", e);
        }
    }

    String cacheVolume() {
        return CACHE_VOLUME + worker.spec().tag();
    }

    @Override
    public StagingReport staging() {
        return staging;
    }

    /**
     * The cache's commands run in short containers that mount the cache volume and this run's
     * snapshot volume: two mounts, so the snapshot's files are copies of the entries made on the
     * engine's side (hard links cannot cross them); files are sent as a tar into the cache volume
     * through the loader, a container never started.
     */
    private final class EngineSide implements CachedStaging.Side {
        private final String loader;

        EngineSide(String loader) {
            this.loader = loader;
        }

        @Override
        public String run(List<String> command, String what) throws IOException {
            return inContainer(command, what, "-stage-", new Bind(volume, new Volume(snapshotFolder())));
        }

        @Override
        public long send(String folder, Map<String, java.nio.file.Path> files) throws IOException {
            String under = folder.substring(CACHE_FOLDER.length() + 1);
            Map<String, java.nio.file.Path> named = new java.util.LinkedHashMap<>();
            long bytes = 0;
            for (Map.Entry<String, java.nio.file.Path> file : files.entrySet()) {
                named.put(under + "/" + file.getKey(), file.getValue());
                bytes += java.nio.file.Files.size(file.getValue());
            }
            try (InputStream tar = TarStreams.of(named)) {
                engine.client().copyArchiveToContainerCmd(loader).withRemotePath(CACHE_FOLDER).withTarInputStream(tar).exec();
            }
            return bytes;
        }

        @Override
        public String describe() {
            return "worker " + worker.spec().name() + " (docker " + engine.address() + ")";
        }
    }

    /** Runs words in a short container of the worker's image with the cache volume and {@code more} mounted. */
    private String inContainer(List<String> command, String what, String kind, Bind... more) throws IOException {
        List<Bind> binds = new java.util.ArrayList<>(List.of(more));
        binds.add(new Bind(cacheVolume(), new Volume(CACHE_FOLDER)));
        try {
            ShortContainer.Answer answer = ShortContainer.run(engine, engine.client()
                    .createContainerCmd(worker.settings().dockerImage())
                    .withName(volume + kind + Long.toString(System.nanoTime() & 0xffffffffL, 36))
                    .withLabels(labels())
                    .withCmd(command)
                    .withHostConfig(HostConfig.newHostConfig().withBinds(binds)), Duration.ofMinutes(30));
            if (answer.exitCode() != 0) {
                throw new IOException(what + " ended with exit code " + answer.exitCode() + ": " + answer.stderr().strip());
            }
            return answer.stdout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + ": interrupted", e);
        }
    }

    DockerWorker worker() {
        return worker;
    }

    DockerEngine engine() {
        return engine;
    }

    String volume() {
        return volume;
    }

    static void removeQuietly(DockerEngine engine, String container) {
        try {
            engine.client().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        } catch (RuntimeException e) {
            LOG.notRemoved("container " + container, engine.address().toString(), e);
        }
    }

    /**
     * Removes the run's volume before staging it anew, unless a container mounts it: then an attempt
     * of this server's previous life computes from it (the server restarted under it), and the
     * volume is kept and staged over (the same run, the same snapshot), never pulled from under it.
     */
    private void removeUnlessMounted() {
        try {
            removeVolume();
        } catch (com.github.dockerjava.api.exception.ConflictException e) {
            LOG.debug("volume " + volume + " is mounted by a container of the run: kept");
        }
    }

    private void removeVolume() {
        try {
            engine.client().removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            // none yet
        }
    }

    @Override
    public void close() {
        try {
            if (worker.spec().autoclean()) {
                removeVolume();
            }
        } catch (RuntimeException e) {
            LOG.notRemoved("volume " + volume, engine.address().toString(), e);
        } finally {
            engine.close();
        }
    }
}
