package io.rasfleet.worker.docker;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.rasfleet.transfer.Causes;
import io.rasfleet.transfer.TarStreams;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.linux.EngineCommand;
import io.rasfleet.worker.linux.EngineFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan attempt's container: started idle with the run's snapshot volume mounted read-only, its
 * working folder copied from it, the engine's programs run in it one after the other. Removed,
 * with everything in it, when closed; it also ends on its own a while after the time limit, so
 * that a server that died leaves nothing running for long.
 */
final class DockerEngineFolder implements EngineFolder {

    private static final Duration IDLE_MARGIN = Duration.ofMinutes(10);

    private final DockerEngine engine;
    private final String container;
    private final String folder;
    private DockerEngineCommand running;

    private DockerEngineFolder(DockerEngine engine, String container, String folder) {
        this.engine = engine;
        this.container = container;
        this.folder = folder;
    }

    static DockerEngineFolder make(DockerSession session, PlanTask task) throws IOException {
        DockerEngine engine = session.engine();
        DockerSettings remote = session.worker().settings();
        String folder = session.worker().spec().workerFolder().replaceAll("/+$", "") + "/" + task.folderName();
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(session.volume(), new Volume(session.snapshotFolder()), AccessMode.ro));
        if (remote.cpuLimit() != null) {
            host.withNanoCPUs(Math.round(remote.cpuLimit() * 1e9));
        }
        if (remote.memoryLimitBytes() != null) {
            host.withMemory(remote.memoryLimitBytes());
        }
        long idle = task.timeLimit().plus(IDLE_MARGIN).toSeconds();
        String name = session.volume() + "-" + task.folderName() + "-" + Long.toString(Instant.now().toEpochMilli(), 36);
        CreateContainerResponse created = engine.client().createContainerCmd(remote.dockerImage())
                .withName(name)
                .withLabels(session.labels(task))
                .withCmd("sleep", Long.toString(idle))
                .withHostConfig(host)
                .exec();
        DockerEngineFolder made = new DockerEngineFolder(engine, created.getId(), folder);
        try {
            engine.client().startContainerCmd(created.getId()).exec();
            DockerEngineCommand copy = made.exec(List.of("cp", "-R", "-p", session.snapshotFolder(), folder), Map.of(), "/");
            int code = copy.waitFor(Duration.ofMinutes(30)).orElseThrow(
                    () -> new IOException("copying the snapshot into " + folder + " took more than 30 minutes"));
            if (code != 0) {
                throw new IOException("copying the snapshot into " + folder + " failed with exit code " + code + ": " + copy.output());
            }
            return made;
        } catch (InterruptedException e) {
            made.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying the snapshot into " + folder, e);
        } catch (IOException | RuntimeException e) {
            made.close();
            throw e;
        }
    }

    /**
     * The container of an attempt a previous life of the server started, found by its attempt
     * label; empty when there is none. One that stopped (its idle sleep ran out, the engine
     * restarted) is started again, idle, so that its folder can be read through exec: whatever
     * ran in it has ended, and what it left is in its folder.
     */
    static java.util.Optional<DockerEngineFolder> find(DockerSession session, PlanTask task) throws IOException {
        DockerEngine engine = session.engine();
        String folder = session.worker().spec().workerFolder().replaceAll("/+$", "") + "/" + task.folderName();
        java.util.Optional<com.github.dockerjava.api.model.Container> found = engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerSession.LABEL_ATTEMPT, session.owner(task), DockerSession.LABEL_WORKER,
                        session.worker().spec().name()))
                .exec().stream().max(java.util.Comparator.comparing(c -> c.getCreated() == null ? 0L : c.getCreated()));
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!"running".equals(found.get().getState())) {
            engine.client().startContainerCmd(found.get().getId()).exec();
        }
        DockerEngineFolder made = new DockerEngineFolder(engine, found.get().getId(), folder);
        if (!made.holdsFolder()) {
            // the server died before the snapshot was copied in: nothing was launched there
            made.close();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(made);
    }

    private boolean holdsFolder() throws IOException {
        DockerEngineCommand test = exec(List.of("test", "-d", folder), Map.of(), "/");
        try {
            java.util.OptionalInt code = test.waitFor(Duration.ofMinutes(1));
            if (code.isEmpty()) {
                throw new IOException("looking for " + folder + " in container " + shortId() + " did not answer within a minute");
            }
            return code.getAsInt() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking for " + folder + " in container " + shortId(), e);
        }
    }

    @Override
    public String host() {
        return engine.host();
    }

    @Override
    public void put(Path local, String name) throws IOException {
        try (InputStream tar = TarStreams.of(Map.of(name, local))) {
            engine.client().copyArchiveToContainerCmd(container).withRemotePath(folder).withTarInputStream(tar).exec();
        } catch (RuntimeException e) {
            throw new IOException("cannot put " + name + " into container " + shortId() + ": " + Causes.described(e), e);
        }
    }

    @Override
    public Instant modified(String name) throws IOException {
        DockerEngineCommand stat = exec(List.of("stat", "-c", "%Y", name), Map.of(), folder);
        try {
            java.util.OptionalInt code = stat.waitFor(Duration.ofMinutes(1));
            if (code.isEmpty()) {
                stat.kill();
                throw new IOException("stat of " + name + " in container " + shortId() + " did not answer within a minute");
            }
            String said = stat.output().strip();
            if (code.getAsInt() != 0) {
                if (said.contains("No such file") || said.contains("can't stat")) {
                    return null;
                }
                throw new IOException("stat of " + name + " in container " + shortId() + " failed: " + said);
            }
            String[] lines = said.split("\\R");
            return Instant.ofEpochSecond(Long.parseLong(lines[lines.length - 1].strip()));
        } catch (NumberFormatException e) {
            throw new IOException("stat of " + name + " in container " + shortId() + " answered " + stat.output().strip(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the time of " + name, e);
        }
    }

    @Override
    public boolean fetch(String name, Path local) throws IOException {
        try (InputStream tar = engine.client().copyArchiveFromContainerCmd(container, folder + "/" + name).exec()) {
            return TarStreams.extractFirstFile(tar, local);
        } catch (NotFoundException e) {
            if (!exists()) {
                throw new IOException("the container " + shortId() + " of this plan is gone (removed from outside)");
            }
            return false;
        } catch (RuntimeException e) {
            throw new IOException("cannot fetch " + name + " from container " + shortId() + ": " + Causes.described(e), e);
        }
    }

    private boolean exists() {
        try {
            engine.client().inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public synchronized EngineCommand start(List<String> command, Map<String, String> environment) throws IOException {
        running = exec(command, environment, folder);
        return running;
    }

    private DockerEngineCommand exec(List<String> command, Map<String, String> environment, String workingDir) throws IOException {
        try {
            ExecCreateCmdResponse exec = engine.client().execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new))
                    .withWorkingDir(workingDir)
                    .withEnv(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec();
            return DockerEngineCommand.start(engine, container, exec.getId());
        } catch (com.github.dockerjava.api.exception.ConflictException | NotFoundException e) {
            throw DockerEngineCommand.containerLost(engine, container);
        } catch (RuntimeException e) {
            throw new IOException("cannot start " + command.get(0) + " in container " + shortId() + ": " + Causes.described(e), e);
        }
    }

    String shortId() {
        return container.substring(0, Math.min(12, container.length()));
    }

    /** Kills the container: everything the attempt launched in it ends with it. */
    @Override
    public void endLaunched() throws IOException {
        try {
            engine.client().killContainerCmd(container).exec();
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            // removed or stopped already: nothing runs in it
        } catch (RuntimeException e) {
            throw new IOException("cannot kill container " + shortId() + ": " + Causes.described(e), e);
        }
    }

    /** The engine's client is the session's: nothing of the folder's own to let go of. */
    @Override
    public void detach() {
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.kill();
        }
        DockerSession.removeQuietly(engine, container);
    }
}
