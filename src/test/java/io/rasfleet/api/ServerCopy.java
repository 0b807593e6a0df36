package io.rasfleet.api;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.Processes;
import io.rasfleet.transfer.LocalStaging;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A server of its own for a test that kills servers: a copy of target/it-server (without its data)
 * on a free port offset, started and ended as a service manager would, or killed with -9.
 */
final class ServerCopy {

    final Path home;
    final int offset;
    final RasfleetClient api;
    private Process process;

    private ServerCopy(Path home, int offset) {
        this.home = home;
        this.offset = offset;
        this.api = new RasfleetClient("http://127.0.0.1:" + (8080 + offset) + "/rasfleet/api/");
    }

    /** A fresh copy named {@code name} beside the IT server, on an offset none of {@code others} uses. */
    static ServerCopy of(String name, ServerCopy... others) throws IOException {
        Path from = Path.of(System.getProperty("rasfleet.it.server"));
        Path to = from.resolveSibling(name);
        LocalStaging.deleteTree(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String relative = from.relativize(f).toString();
                if (relative.startsWith("standalone/data") || relative.startsWith("standalone/log")
                        || relative.startsWith("standalone/tmp")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new ServerCopy(to, freeOffset(List.of(others)));
    }

    /** Starts it with {@code environment} added and {@code properties} ({@code -Dk=v}); returns once its API answers. */
    void start(Map<String, String> environment, String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(List.of(properties));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        Instant until = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(until)) {
            try {
                if (api.get(RasfleetClient.VIEWER, "workers").status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server ended; see " + home.resolve("console.log"));
            }
            Thread.sleep(500);
        }
        stop();
        throw new AssertionError("the server did not answer in 3 minutes; see " + home.resolve("console.log"));
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops it as a service manager would: SIGTERM to its JVM, kill -9 if it lingers. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = jvms();
        jvms.forEach(ProcessHandle::destroy);
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                jvm.destroyForcibly();
            }
        }
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    /** kill -9 of the server's JVM (a child of standalone.sh), and nothing else of its tree. */
    void kill9() throws InterruptedException {
        jvms().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        process = null;
        Thread.sleep(1000);
    }

    private List<ProcessHandle> jvms() {
        return process.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar")).toList();
    }

    /** Stand-in JVMs started from this copy's launchers. */
    List<Long> standIns() throws IOException {
        return Processes.mentioning("io.rasfleet.sim.RasSim", home.toString());
    }

    /** A port offset whose HTTP, HTTPS and management ports are free and that no other copy uses. */
    private static int freeOffset(List<ServerCopy> others) {
        for (int offset = io.rasfleet.testing.ItPorts.offset() + 100; offset < io.rasfleet.testing.ItPorts.offset() + 1000; offset += 100) {
            int candidate = offset;
            if (others.stream().noneMatch(o -> o.offset == candidate) && free(8080 + offset) && free(9990 + offset)
                    && free(8443 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset from " + (io.rasfleet.testing.ItPorts.offset() + 100) + " for another server");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The sample project made into eight plans of {@code seconds} each (five of HEC's Muncie and copies of plan 01). */
    static Path eightPlans(Path project, int seconds) throws IOException {
        return plans(project, 8, seconds);
    }

    /** The sample project with {@code count} plans (p01 to p99), p06 and on copies of p01, each computing {@code seconds} and succeeding. */
    static Path plans(Path project, int count, int seconds) throws IOException {
        KeyedTextFile prj = KeyedTextFile.read(project.resolve("Muncie.prj"));
        prj.setAll("Plan File", "p01", null);
        StringBuilder plans = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String extension = String.format("p%02d", i);
            Path plan = project.resolve("Muncie." + extension);
            if (i > 5) {
                Files.copy(project.resolve("Muncie.p01"), plan, StandardCopyOption.REPLACE_EXISTING);
            }
            KeyedTextFile text = KeyedTextFile.read(plan);
            text.setAll("RASSIM Seconds", Integer.toString(seconds), null);
            text.setAll("RASSIM Outcome", "success", null);
            text.save();
            plans.append("Plan File=").append(extension).append("\r\n");
        }
        String content = Files.readString(project.resolve("Muncie.prj")).replaceAll("Plan File=p0\\d\r\n", "");
        Files.writeString(project.resolve("Muncie.prj"), content.replace("Y Axis Title", plans + "Y Axis Title"));
        return project;
    }

    static void setSeconds(Path project, List<Integer> plans, int seconds) {
        for (int i : plans) {
            KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie.p0" + i));
            text.setAll("RASSIM Seconds", Integer.toString(seconds), null);
            text.save();
        }
    }

    static List<String> plans(JsonObject run, String state) {
        return run.getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("state").equals(state)).map(p -> p.getString("plan")).toList();
    }
}
