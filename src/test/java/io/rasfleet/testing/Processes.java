package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A look at /proc for processes a test left running, by what their command lines mention. */
public final class Processes {

    private Processes() {
    }

    /** Pids of live processes (other than this JVM) whose command line holds every one of {@code markers}. */
    public static List<Long> mentioning(String... markers) throws IOException {
        return new ArrayList<>(commandLines(line -> Arrays.stream(markers).allMatch(line::contains)).keySet());
    }

    /**
     * As {@link #mentioning}, of the processes working in {@code folder} or below it: another build's
     * tests on the same machine run the same plans of the same sample project, elsewhere.
     */
    public static List<Long> mentioningUnder(Path folder, String... markers) throws IOException {
        List<Long> there = workingIn(folder.toRealPath());
        List<Long> found = mentioning(markers);
        found.retainAll(there);
        return found;
    }

    /** Pids of live processes whose working folder is {@code folder} or below it (a worker's plan processes work in their attempt's folder). */
    public static List<Long> workingIn(Path folder) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                try {
                    if (proc.getFileName().toString().chars().allMatch(Character::isDigit)
                            && Files.readSymbolicLink(proc.resolve("cwd")).startsWith(folder)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // the process ended while we looked, or is not ours to read
                }
            }
        }
        return found;
    }

    /** The command lines (arguments joined by spaces) of live processes other than this JVM that {@code wanted} accepts, by pid. */
    public static Map<Long, String> commandLines(Predicate<String> wanted) throws IOException {
        Map<Long, String> found = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == ProcessHandle.current().pid()) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (wanted.test(cmdline)) {
                        found.put(Long.parseLong(name), cmdline);
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    /** Ends a service started by a test and everything it forked (its open connections go with it). */
    public static void stopTree(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code process} answers on loopback {@code port}; fails with its log when it dies or takes too long. */
    public static void awaitPort(Process process, int port, java.time.Duration limit, Path log)
            throws IOException, InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(limit);
        while (!RequiredServices.reachable("127.0.0.1", port)) {
            if (!process.isAlive() || java.time.Instant.now().isAfter(deadline)) {
                throw new IOException(process.info().command().orElse("the service") + " did not start: "
                        + (Files.isRegularFile(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(50);
        }
    }

    /** The command lines of {@code pids}, for a failure message. */
    public static String describe(List<Long> pids) {
        StringBuilder text = new StringBuilder();
        for (long pid : pids) {
            try {
                text.append(pid).append(": ").append(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")))
                        .replace('\0', ' ')).append('\n');
            } catch (IOException e) {
                text.append(pid).append(": (ended)\n");
            }
        }
        return text.toString();
    }

    /** A finished command: exit code and output (stdout and stderr together). */
    public record Result(int code, String output) {
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    public static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** {@code result}, when it exited 0; else a failure naming {@code what} with its output. */
    public static Result check(Result result, String what) throws IOException {
        if (result.code() != 0) {
            throw new IOException(what + " failed: " + result.output());
        }
        return result;
    }

    /** The output of a command that must succeed. */
    public static String output(String... command) throws IOException, InterruptedException {
        return check(run(command), String.join(" ", command)).output();
    }
}
