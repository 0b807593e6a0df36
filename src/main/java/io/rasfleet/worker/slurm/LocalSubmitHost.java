package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands run on the app server itself (a worker without {@code hostname}), with
 * this process's environment plus {@code environment} (a cluster's {@code SLURM_CONF}).
 */
final class LocalSubmitHost {

    /** What a command printed (stdout and stderr together) and its exit code; -1 when it could not run or answer. */
    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }
    }

    private final Map<String, String> environment;

    LocalSubmitHost(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Runs {@code command} (arguments are data, no shell), waiting up to {@code limit}; never throws. */
    Result run(List<String> command, Duration limit) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, command.get(0) + " did not answer within " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(-1, command.get(0) + " could not be run on this submit host: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, command.get(0) + " was interrupted");
        }
    }
}
