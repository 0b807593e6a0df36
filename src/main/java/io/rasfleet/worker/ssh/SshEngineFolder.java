package io.rasfleet.worker.ssh;

import io.rasfleet.worker.linux.EngineCommand;
import io.rasfleet.worker.linux.EngineFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plan attempt's folder on an SSH host, on a connection of its own (a plan's channels never wait
 * behind another plan's, and sshd's per-connection channel limit is never reached).
 */
final class SshEngineFolder implements EngineFolder {

    private static final System.Logger LOG = System.getLogger(SshEngineFolder.class.getName());

    private final SshConnection connection;
    private final SshShell files;
    private final String folder;
    private final boolean autoclean;
    private SshEngineCommand running;

    private SshEngineFolder(SshConnection connection, String folder, boolean autoclean) {
        this.connection = connection;
        this.files = SshShell.over(connection);
        this.folder = folder;
        this.autoclean = autoclean;
    }

    /** Copies the run's snapshot into {@code folder} on the host, replacing an earlier attempt's. */
    static SshEngineFolder make(SshTarget target, String snapshot, String folder, boolean autoclean) throws IOException {
        SshConnection connection = SshConnection.open(target);
        try {
            connection.require("rm -rf -- " + ShellWords.quote(folder) + " && cp -R -p -- " + ShellWords.quote(snapshot) + " "
                    + ShellWords.quote(folder), "copying the snapshot into " + folder);
            return new SshEngineFolder(connection, folder, autoclean);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The folder of an attempt a previous life of the server made, on a connection of its own;
     * empty when the folder is not on the host. Nothing in it is touched.
     */
    static java.util.Optional<SshEngineFolder> find(SshTarget target, String folder, boolean autoclean) throws IOException {
        SshConnection connection = SshConnection.open(target);
        try {
            SshConnection.Result there = connection.run("test -d " + ShellWords.quote(folder), Duration.ofSeconds(30));
            if (there.exitCode() == null) {
                throw new IOException("looking for " + folder + " on " + target.host() + " gave no answer");
            }
            if (there.exitCode() != 0) {
                connection.close();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new SshEngineFolder(connection, folder, autoclean));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public String host() {
        return connection.target().host();
    }

    private String path(String name) {
        return folder + "/" + name;
    }

    @Override
    public void put(Path local, String name) throws IOException {
        files.put(local, path(name));
    }

    @Override
    public java.time.Instant modified(String name) throws IOException {
        return files.modified(path(name));
    }

    @Override
    public boolean fetch(String name, Path local) throws IOException {
        return files.fetch(path(name), local);
    }

    @Override
    public synchronized EngineCommand start(List<String> command, Map<String, String> environment) throws IOException {
        running = SshEngineCommand.start(connection, ShellWords.launch(folder, environment, command));
        return running;
    }

    /** Kills the process group whose leader's pid the launch left in the folder, once that pid is checked to work there. */
    @Override
    public void endLaunched() throws IOException {
        connection.require("cd " + ShellWords.quote(folder) + " && sh -c " + ShellWords.quote(io.rasfleet.worker.linux.AttemptScript.KILL),
                "ending the attempt's programs in " + folder);
    }

    @Override
    public void detach() {
        files.close();
    }

    @Override
    public synchronized void close() {
        try {
            if (running != null) {
                running.kill();
            }
            if (autoclean && connection.isOpen()) {
                connection.run("rm -rf -- " + ShellWords.quote(folder), Duration.ofMinutes(2));
            }
        } catch (IOException e) {
            io.rasfleet.log.RasfleetLogger.LOG.notRemoved(folder, host(), e);
        } finally {
            files.close();
        }
    }
}
