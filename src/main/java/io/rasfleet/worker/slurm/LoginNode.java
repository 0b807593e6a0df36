package io.rasfleet.worker.slurm;

import io.rasfleet.worker.ssh.SshShell;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A cluster's login node over SSH: Slurm's client commands in the login user's shell, files through SFTP. */
final class LoginNode implements SubmitHost {

    private final SshShell shell;

    private LoginNode(SshShell shell) {
        this.shell = shell;
    }

    /** Logs in as the worker's settings say; a failure names the step (host, host key, key, authentication). */
    static LoginNode open(SlurmSettings settings) throws io.rasfleet.worker.WorkerUnreachableException {
        return new LoginNode(SshShell.open(settings.hostname(), settings.portOrDefault(), settings.username(), settings.login()));
    }

    @Override
    public Result run(List<String> command, Duration limit) throws IOException {
        SshShell.Result result = shell.run(command, limit);
        return new Result(result.code(), result.output());
    }

    @Override
    public String output(List<String> command, String what, Duration limit) throws IOException {
        return shell.output(command, what, limit);
    }

    @Override
    public void put(Path local, String path) throws IOException {
        shell.put(local, path);
    }

    @Override
    public boolean fetch(String path, Path local) throws IOException {
        return shell.fetch(path, local);
    }

    @Override
    public Instant modified(String path) throws IOException {
        return shell.modified(path);
    }

    @Override
    public long send(String folder, Map<String, Path> files) throws IOException {
        return shell.send(folder, files);
    }

    @Override
    public String host() {
        return shell.host();
    }

    @Override
    public String toString() {
        return shell.describe();
    }

    @Override
    public void close() {
        shell.close();
    }
}
