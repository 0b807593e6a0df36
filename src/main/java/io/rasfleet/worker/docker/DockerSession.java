package io.rasfleet.worker.docker;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.Causes;
import io.rasfleet.transfer.TarStreams;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * One run on a Docker worker: the snapshot in a volume {@code rasfleet-run-<id>-<worker>}, filled
 * once through a container that is never started, mounted read-only into each plan's container.
 */
final class DockerSession implements WorkerSession {

    private static final System.Logger LOG = System.getLogger(DockerSession.class.getName());
    static final String LABEL_RUN = "io.rasfleet.run";
    static final String LABEL_WORKER = "io.rasfleet.worker";

    private final DockerWorker worker;
    private final DockerEngine engine;
    private final ProjectSnapshot snapshot;
    private final String volume;
    private final long runId;
    private final List<String> files;

    private DockerSession(DockerWorker worker, DockerEngine engine, ProjectSnapshot snapshot, String volume, long runId) {
        this.worker = worker;
        this.engine = engine;
        this.snapshot = snapshot;
        this.volume = volume;
        this.runId = runId;
        this.files = snapshot.entries().stream().map(ProjectSnapshot.Entry::path).toList();
    }

    String snapshotFolder() {
        return worker.spec().workerFolder().replaceAll("/+$", "") + "/snapshot";
    }

    static DockerSession open(DockerWorker worker, long runId, ProjectSnapshot snapshot) throws WorkerException {
        String name = worker.spec().name();
        DockerEngine engine;
        try {
            engine = DockerEngine.connect(name, worker.settings());
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + name + " (docker) cannot reach its engine: " + Causes.described(e), e);
        }
        String volume = "rasfleet-run-" + runId + "-" + name.toLowerCase(java.util.Locale.ROOT);
        DockerSession session = new DockerSession(worker, engine, snapshot, volume, runId);
        String loader = null;
        try {
            try {
                engine.client().inspectImageCmd(worker.settings().dockerImage()).exec();
            } catch (NotFoundException e) {
                throw new WorkerException("worker " + name + " (docker): the image " + worker.settings().dockerImage()
                        + " is not on " + engine.address() + "; build or load it there (rasfleet never pulls images)", e);
            }
            session.removeVolume();
            engine.client().createVolumeCmd().withName(volume).withLabels(session.labels()).exec();
            CreateContainerResponse created = engine.client().createContainerCmd(worker.settings().dockerImage())
                    .withName(volume + "-loader")
                    .withLabels(session.labels())
                    .withCmd("true")
                    .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume(session.snapshotFolder()))))
                    .exec();
            loader = created.getId();
            try (InputStream tar = TarStreams.of(snapshot.folder(), session.files)) {
                engine.client().copyArchiveToContainerCmd(loader).withRemotePath(session.snapshotFolder())
                        .withTarInputStream(tar).exec();
            }
            return session;
        } catch (WorkerException e) {
            session.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw new WorkerException("worker " + name + " (docker " + engine.address() + ") could not receive the project"
                    + " snapshot into volume " + volume + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        } finally {
            if (loader != null) {
                removeQuietly(engine, loader);
            }
        }
    }

    Map<String, String> labels() {
        return Map.of(LABEL_RUN, Long.toString(runId), LABEL_WORKER, worker.spec().name());
    }

    @Override
    public PlanExecution start(PlanTask task) throws WorkerException {
        LinuxEnginePlan.requireComputeInputs(task, files, worker.spec().name());
        DockerEngineFolder folder;
        try {
            folder = DockerEngineFolder.make(this, task);
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + worker.spec().name() + " (docker " + engine.address() + ") could not start a"
                    + " container for plan " + task.plan().id() + ": " + Causes.described(e), DockerWorker.unreachable(engine, e));
        }
        return LinuxEnginePlan.prepare(task, folder, worker.settings().rasEnginePath(), snapshot.folder(),
                worker.spec());
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
            LOG.log(Level.WARNING, "could not remove container " + container + " on " + engine.address() + ": "
                    + Causes.described(e));
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
            LOG.log(Level.WARNING, "could not remove volume " + volume + " on " + engine.address() + ": " + Causes.described(e));
        } finally {
            engine.close();
        }
    }
}
