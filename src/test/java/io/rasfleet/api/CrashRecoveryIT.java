package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * kill -9 of the server in the middle of a run of eight plans, then a new start and a restart of
 * the run with WildFly's CLI {@code restart-job}: every plan ends SUCCEEDED once, plans that had succeeded are not launched again, the
 * lost ones are, and nothing of the dead run keeps running. This test runs its own server (a copy
 * of target/it-server on a free port offset), since it kills it.
 */
@EnabledOnOs(OS.LINUX)
@DisabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "runs its own server on H2")
class CrashRecoveryIT {

    private ServerCopy server;
    private RasfleetClient api;

    @Test
    void killedServerRestartedRunsOnlyTheLostPlansAndLeavesNothingRunning() throws Exception {
        server = ServerCopy.of("crash-server");
        api = server.api;
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("crash-" + UUID.randomUUID());
        // Plans 01 and 02 are short, the rest long: the kill comes while long plans run, and their
        // processes are still alive when the server is back.
        Path project = ServerCopy.eightPlans(SampleProjects.muncie(root), 40);
        ServerCopy.setSeconds(project, List.of(1, 2), 3);
        server.start(Map.of(), "-Drasfleet.project.roots=" + root);
        try {
            long id = post("runs", "{\"project\": \"" + project + "\"}").getJsonNumber("id").longValue();
            api.waitForRun(id, run -> run.getJsonObject("counts").getInt("succeeded") >= 2
                    && run.getJsonObject("counts").getInt("running") >= 1, Duration.ofMinutes(3));
            JsonObject before = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
            server.kill9();
            List<String> doneBefore = ServerCopy.plans(before, "SUCCEEDED");
            assertFalse(server.standIns().isEmpty(), "the dead server's plans run on");
            ServerCopy.setSeconds(project, List.of(3, 4, 5, 6, 7, 8), 3);

            server.start(Map.of(), "-Drasfleet.project.roots=" + root);
            try {
                assertEquals(List.of(), server.standIns(), "orphaned HEC-RAS processes are ended at start-up");
                JsonObject reconciled = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
                assertEquals(List.of(), ServerCopy.plans(reconciled, "RUNNING"), "no plan is left RUNNING: " + reconciled);
                // restarted from WildFly's own CLI, as an operator would after a crash (the API's restart of a
                // dead server's run is TwoServersIT's)
                long execution = reconciled.getJsonNumber("jobExecutionId").longValue();
                Process cli = new ProcessBuilder(server.home.resolve("bin/jboss-cli.sh").toString(), "-c",
                        "--controller=127.0.0.1:" + (9990 + server.offset),
                        "--command=/deployment=rasfleet.war/subsystem=batch-jberet:restart-job(execution-id=" + execution + ")")
                        .redirectErrorStream(true).start();
                String said = new String(cli.getInputStream().readAllBytes());
                assertEquals(0, cli.waitFor(), said);
                assertTrue(said.contains("success"), said);
                JsonObject run = api.waitForRun(id, r -> "COMPLETED".equals(r.getString("status", null)), Duration.ofMinutes(4));
                assertEquals(8, ServerCopy.plans(run, "SUCCEEDED").size(), run.toString());
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
                server.stop();
            }
        } finally {
            if (server.alive()) {
                server.kill9();
            }
        }
        assertEquals(List.of(), server.standIns());
    }

    private JsonObject post(String path, String body) throws Exception {
        RasfleetClient.Answer answer = api.post(RasfleetClient.OPERATOR, path, body);
        assertEquals(202, answer.status(), answer.body());
        return answer.json();
    }
}
