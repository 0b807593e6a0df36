package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.transfer.LocalStaging;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * kill -9 of the server in the middle of a run of eight plans, then a new start and a restart of
 * the run: every plan ends SUCCEEDED once, plans that had succeeded are not launched again, the
 * lost ones are, and nothing of the dead run keeps running. This test runs its own server (a copy
 * of target/it-server on a free port offset), since it kills it.
 */
@EnabledOnOs(OS.LINUX)
@DisabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "runs its own server on H2")
class CrashRecoveryIT {

    private final int offset = freeOffset();
    private final RasfleetClient api = new RasfleetClient("http://127.0.0.1:" + (8080 + offset) + "/rasfleet/api/");

    @Test
    void killedServerRestartedRunsOnlyTheLostPlansAndLeavesNothingRunning() throws Exception {
        Path server = copyServer();
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("crash-" + UUID.randomUUID());
        // Plans 01 and 02 are short, the rest long: the kill comes while long plans run, and their
        // processes are still alive when the server is back.
        Path project = eightPlans(SampleProjects.muncie(root), 40);
        setSeconds(project, List.of(1, 2), 3);
        Process first = start(server, root);
        try {
            long id = post("runs", "{\"project\": \"" + project + "\"}").getJsonNumber("id").longValue();
            api.waitForRun(id, run -> run.getJsonObject("counts").getInt("succeeded") >= 2
                    && run.getJsonObject("counts").getInt("running") >= 1, Duration.ofMinutes(3));
            JsonObject before = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
            kill9(first);
            List<String> doneBefore = plans(before, "SUCCEEDED");
            assertFalse(standIns(server).isEmpty(), "the dead server's plans run on");
            setSeconds(project, List.of(3, 4, 5, 6, 7, 8), 3);

            Process second = start(server, root);
            try {
                assertEquals(List.of(), standIns(server), "orphaned HEC-RAS processes are ended at start-up");
                JsonObject reconciled = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
                assertEquals(List.of(), plans(reconciled, "RUNNING"), "no plan is left RUNNING: " + reconciled);
                post("runs/" + id + "/restart", null);
                JsonObject run = api.waitForRun(id, r -> "COMPLETED".equals(r.getString("status", null)), Duration.ofMinutes(4));
                assertEquals(8, plans(run, "SUCCEEDED").size(), run.toString());
                int launches = 0;
                for (JsonObject p : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                    launches += p.getInt("attempts");
                    if (doneBefore.contains(p.getString("plan"))) {
                        assertEquals(1, p.getInt("attempts"), "succeeded before the crash, not launched again: " + p);
                    }
                }
                assertTrue(launches >= 8 + 1 && launches <= 8 + 2, "each lost plan launched once more: " + launches);
                try (Stream<Path> files = Files.list(project)) {
                    assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("partial")), "no partial result");
                }
            } finally {
                stop(second);
            }
        } finally {
            if (first.isAlive()) {
                kill9(first);
            }
        }
        assertEquals(List.of(), standIns(server));
    }

    private static Path eightPlans(Path project, int seconds) throws IOException {
        KeyedTextFile prj = KeyedTextFile.read(project.resolve("Muncie.prj"));
        prj.setAll("Plan File", "p01", null);
        StringBuilder plans = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            Path plan = project.resolve("Muncie.p0" + i);
            if (i > 5) {
                Files.copy(project.resolve("Muncie.p01"), plan, StandardCopyOption.REPLACE_EXISTING);
            }
            KeyedTextFile text = KeyedTextFile.read(plan);
            text.setAll("RASSIM Seconds", Integer.toString(seconds), null);
            text.setAll("RASSIM Outcome", "success", null);
            text.save();
            plans.append("Plan File=p0").append(i).append("\r\n");
        }
        String content = Files.readString(project.resolve("Muncie.prj")).replaceAll("Plan File=p0\\d\r\n", "");
        Files.writeString(project.resolve("Muncie.prj"), content.replace("Y Axis Title", plans + "Y Axis Title"));
        return project;
    }

    private static void setSeconds(Path project, List<Integer> plans, int seconds) {
        for (int i : plans) {
            KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie.p0" + i));
            text.setAll("RASSIM Seconds", Integer.toString(seconds), null);
            text.save();
        }
    }

    private static Path copyServer() throws IOException {
        Path from = Path.of(System.getProperty("rasfleet.it.server"));
        Path to = from.resolveSibling("crash-server");
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
        return to;
    }

    private Process start(Path server, Path root) throws Exception {
        Process process = new ProcessBuilder(server.resolve("bin/standalone.sh").toString(),
                "-Djboss.socket.binding.port-offset=" + offset, "-Drasfleet.project.roots=" + root)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(server.resolve("console.log").toFile()))
                .start();
        Instant until = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(until)) {
            try {
                if (api.get(RasfleetClient.VIEWER, "workers").status() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server ended; see " + server.resolve("console.log"));
            }
            Thread.sleep(500);
        }
        stop(process);
        throw new AssertionError("the server did not answer in 3 minutes; see " + server.resolve("console.log"));
    }

    /** A port offset whose HTTP and management ports are free (a server left over would answer otherwise). */
    private static int freeOffset() {
        for (int offset = 100; offset < 1000; offset += 100) {
            if (free(8080 + offset) && free(9990 + offset) && free(8443 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset from 100 to 900 for a second server");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server as a service manager would: SIGTERM to its JVM, kill -9 if it lingers. */
    private static void stop(Process launcher) throws InterruptedException {
        List<ProcessHandle> jvms = launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar")).toList();
        jvms.forEach(ProcessHandle::destroy);
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                jvm.destroyForcibly();
            }
        }
        launcher.destroyForcibly();
        launcher.waitFor();
    }

    /** kill -9 of the server's JVM (a child of standalone.sh), and nothing else of its tree. */
    private static void kill9(Process launcher) throws InterruptedException {
        launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                .forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        launcher.waitFor();
        Thread.sleep(1000);
    }

    /** Stand-in JVMs started from the server copy's launchers. */
    private static List<Long> standIns(Path server) throws IOException {
        return Processes.mentioning("io.rasfleet.sim.RasSim", server.toString());
    }

    private static List<String> plans(JsonObject run, String state) {
        return run.getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("state").equals(state)).map(p -> p.getString("plan")).toList();
    }

    private JsonObject post(String path, String body) throws Exception {
        RasfleetClient.Answer answer = api.post(RasfleetClient.OPERATOR, path, body);
        assertEquals(202, answer.status(), answer.body());
        return answer.json();
    }
}
