package io.rasfleet.worker.slurm;

import io.rasfleet.transfer.HomeDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app server itself as a submit host (a Slurm worker without {@code hostname}): Slurm's client
 * commands run here with this process's environment plus {@code environment} (a cluster's
 * {@code SLURM_CONF}), and the cluster's shared filesystem is mounted here at the same paths.
 */
final class LocalSubmitHost implements SubmitHost {

    private final Map<String, String> environment;

    LocalSubmitHost(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Result run(List<String> command, Duration limit) {
        Ran ran = start(command, limit);
        return new Result(ran.code, (ran.out + (ran.err.isEmpty() ? "" : "\n" + ran.err)).strip());
    }

    @Override
    public String output(List<String> command, String what, Duration limit) throws IOException {
        Ran ran = start(command, limit);
        if (ran.code != 0) {
            throw new IOException(what + " failed on " + host() + " (exit code " + ran.code + "): " + (ran.err + ran.out).strip());
        }
        return ran.out;
    }

    private record Ran(int code, String out, String err) {
    }

    /** Runs the words without a shell; stderr goes to a file so that a chatty command never blocks on a full pipe. */
    private Ran start(List<String> command, Duration limit) {
        Path err = null;
        try {
            err = Files.createTempFile("rasfleet-slurm-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Ran(-1, "", command.get(0) + " did not answer within " + limit.toSeconds() + " s");
            }
            return new Ran(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8), Files.readString(err));
        } catch (IOException e) {
            return new Ran(-1, "", command.get(0) + " could not be run on this submit host: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ran(-1, "", command.get(0) + " was interrupted");
        } finally {
            if (err != null) {
                err.toFile().delete();
            }
        }
    }

    @Override
    public void put(Path local, String path) throws IOException {
        HomeDelivery.deliver(local, Path.of(path));
    }

    @Override
    public boolean fetch(String path, Path local) throws IOException {
        try {
            HomeDelivery.deliver(Path.of(path), local);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public Instant modified(String path) throws IOException {
        try {
            return Files.getLastModifiedTime(Path.of(path)).toInstant();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public long send(String folder, Map<String, Path> files) throws IOException {
        long sent = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path target = Path.of(folder, file.getKey());
            Files.createDirectories(target.getParent());
            HomeDelivery.deliver(file.getValue(), target);
            sent += Files.size(target);
        }
        Files.createDirectories(Path.of(folder));
        return sent;
    }

    @Override
    public String host() {
        return io.rasfleet.worker.LocalHost.name();
    }

    @Override
    public String toString() {
        return "this app server (" + host() + ")";
    }

    @Override
    public void close() {
        // nothing held: each command is a process of its own
    }
}
