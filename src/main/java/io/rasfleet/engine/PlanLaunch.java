package io.rasfleet.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to start and under which rules: an argument list (never a shell string), the folder it
 * runs in, extra environment, a time limit, a priority, the log file that takes its output,
 * optionally a progress probe polled while it runs, and optionally what to write to its standard
 * input once (a secret that must stay out of the argument list, which every local user can read).
 */
public record PlanLaunch(
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Duration timeLimit,
        ProcessPriority priority,
        Path logFile,
        ProgressProbe probe,
        ProgressListener listener,
        Duration pollInterval,
        Input input) {

    /** Written to the program's standard input right after it starts, then the input is closed. */
    @FunctionalInterface
    public interface Input {
        void writeTo(java.io.OutputStream stdin) throws java.io.IOException;
    }

    public PlanLaunch {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a launch needs a program to run");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("a launch needs a positive time limit, not " + timeLimit);
        }
        priority = priority == null ? ProcessPriority.NORMAL : priority;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }

    /** A launch without progress following; add it with {@link #following}. */
    public static PlanLaunch of(List<String> command, Path workingDirectory, Duration timeLimit, Path logFile) {
        return new PlanLaunch(command, workingDirectory, Map.of(), timeLimit, ProcessPriority.NORMAL, logFile, null, null, null, null);
    }

    public PlanLaunch withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new PlanLaunch(command, workingDirectory, merged, timeLimit, priority, logFile, probe, listener, pollInterval, input);
    }

    public PlanLaunch withPriority(ProcessPriority value) {
        return new PlanLaunch(command, workingDirectory, environment, timeLimit, value, logFile, probe, listener, pollInterval, input);
    }

    public PlanLaunch following(ProgressProbe newProbe, ProgressListener newListener, Duration interval) {
        return new PlanLaunch(command, workingDirectory, environment, timeLimit, priority, logFile, newProbe, newListener, interval, input);
    }

    /** The same launch, {@code value} written to the program's standard input (else it reads an empty one). */
    public PlanLaunch withInput(Input value) {
        return new PlanLaunch(command, workingDirectory, environment, timeLimit, priority, logFile, probe, listener, pollInterval, value);
    }

    /** The program's name, for messages. */
    public String program() {
        return Path.of(command.get(0)).getFileName().toString();
    }
}
