package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Slurm;
import io.rasfleet.testing.StandIn;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while two runs compute, then a new start: each run resumes by itself, and
 * the plans that were computing are adopted where they compute, on the local worker and on SSH,
 * Docker, Windows (PsExec) and Slurm workers: each plan ends SUCCEEDED with one attempt (none is
 * launched twice, and the stand-ins computing at the kill are the ones that finish), plans that had
 * succeeded are not launched again, and nothing keeps running. Then a run stopped through the API is
 * restarted with WildFly's CLI {@code restart-job}, as an operator would. This test runs its own
 * server (a copy of target/it-server on a free port offset), since it kills it; one server and one
 * kill for all worker types, since each boot takes a minute or more here.
 */
@EnabledOnOs(OS.LINUX)
@DisabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "runs its own server on H2")
class CrashRecoveryIT {

    private ServerCopy server;
    private RasfleetClient api;

    @Test
    void aKilledServerAdoptsItsComputingPlansOnEveryWorkerTypeAndWildFlysCliRestartsAStoppedRun(@TempDir Path tmp) throws Exception {
        Slurm cluster = Slurm.cluster();
        Path engine = StandIn.linuxEngine(tmp.resolve("engine"));
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("crash-" + UUID.randomUUID());
        server = ServerCopy.of("crash-server");
        api = server.api;
        // Plans 03 and 04 compute for minutes, the others a few seconds: the kill comes while a long
        // plan computes, and it still computes when the server is back (a boot takes up to 100 s here).
        Path project = ServerCopy.eightPlans(SampleProjects.muncie(root.resolve("local")), 3);
        ServerCopy.setSeconds(project, List.of(3, 4), 150);
        // the server is the cluster's submit host: SLURM_CONF in its environment
        server.start(cluster.environment(), "-Drasfleet.project.roots=" + root);
        try (RemoteFleet fleet = RemoteFleet.addTo(api, tmp, server.home, 9990 + server.offset)) {
            RasfleetClient.Answer hpc = api.post(RasfleetClient.ADMIN, "workers", """
                    {"name": "hpc", "worker_type": "slurm", "partition": "%s", "max_jobs": 1, "cores_per_plan": 1,
                     "max_runtime_minutes": 20, "worker_folder": "%s", "ras_engine_path": "%s"}"""
                    .formatted(Slurm.PARTITION, tmp.resolve("hpc"), engine));
            assertEquals(201, hpc.status(), hpc.body());
            List<String> remote = List.of("linux1", "dock1", "win1", "hpc");
            // a minute each: the kill comes while all four compute, and most of it is still to do when the server is back
            Path fleetProject = SampleProjects.muncieForLinux(root.resolve("fleet"), tmp.resolve("pre"), 60, "1", "2", "3", "5");
            long fleetRun = post("runs", "{\"project\": \"" + fleetProject + "\", \"plans\": [\"1\", \"2\", \"3\", \"5\"],"
                    + " \"workers\": [\"linux1\", \"dock1\", \"win1\", \"hpc\"], \"maxAttempts\": 1}").getJsonNumber("id").longValue();
            long localRun = post("runs", "{\"project\": \"" + project + "\", \"workers\": [\"local\"]}").getJsonNumber("id").longValue();
            api.waitForRun(fleetRun, r -> remote.stream().allMatch(w -> RasfleetClient.computingOn(r, w)), Duration.ofMinutes(3));
            JsonObject before = api.waitForRun(localRun, run -> run.getJsonObject("counts").getInt("succeeded") >= 2
                    && longPlanComputes(run), Duration.ofMinutes(4));
            server.kill9();
            List<String> computing = ServerCopy.plans(before, "RUNNING");
            List<String> doneBefore = ServerCopy.plans(before, "SUCCEEDED");
            List<Long> orphans = server.standIns();
            assertFalse(orphans.isEmpty(), "the dead server's plans compute on");

            server.start(cluster.environment(), "-Drasfleet.project.roots=" + root);
            try {
                List<Long> after = server.standIns();
                assertTrue(orphans.stream().anyMatch(after::contains), "the start-up spares the work it adopts: " + orphans
                        + " then " + after);
                JsonObject run = api.waitForRun(localRun, r -> "COMPLETED".equals(r.getString("status", null)), Duration.ofMinutes(4));
                assertEquals(8, ServerCopy.plans(run, "SUCCEEDED").size(), run.toString());
                for (JsonObject p : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                    assertEquals(1, p.getInt("attempts"), "one attempt, one launch"
                            + (computing.contains(p.getString("plan")) ? " (computing at the kill, adopted)" : "")
                            + (doneBefore.contains(p.getString("plan")) ? " (succeeded before the kill)" : "") + ": " + p);
                }
                JsonObject remoteRun = api.waitForRun(fleetRun, RasfleetClient::ended, Duration.ofMinutes(5));
                assertEquals("COMPLETED", remoteRun.getString("status"), remoteRun.toString());
                String log = Files.readString(server.home.resolve("standalone/log/server.log"));
                for (String plan : computing) {
                    assertTrue(log.contains("RASFLEET000240: run " + localRun + " plan " + plan + ": attempt 1"), "plan " + plan
                            + " adopted, as the log says");
                }
                java.util.Set<String> adoptedOn = new java.util.HashSet<>();
                for (JsonObject p : remoteRun.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                    assertEquals("SUCCEEDED", p.getString("state"), p.toString());
                    assertEquals(1, p.getInt("attempts"), "one attempt, one launch: " + p);
                    assertTrue(log.contains("RASFLEET000240: run " + fleetRun + " plan " + p.getString("plan") + ": attempt 1"),
                            "plan " + p.getString("plan") + " adopted on " + p.getString("worker"));
                    adoptedOn.add(p.getString("worker"));
                    assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(fleetProject.resolve("Muncie.p" + p.getString("plan") + ".hdf"),
                            RunEvidence.none()).state());
                }
                assertEquals(java.util.Set.copyOf(remote), adoptedOn);
                assertEquals(List.of(), server.standIns(), "nothing of the local run keeps computing");
                Await.until("nothing of the remote run left computing", Duration.ofSeconds(60),
                        () -> Processes.mentioning("io.rasfleet.sim.RasSim", tmp.toString()), List::isEmpty);
                Process containers = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=io.rasfleet.run=" + fleetRun).start();
                assertEquals("", new String(containers.getInputStream().readAllBytes()).strip(), "no container is left");
                try (Stream<Path> files = Files.list(project)) {
                    assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("partial")), "no partial result");
                }
                fleet.removeFrom(api);

                // a stopped run, restarted from WildFly's own CLI
                ServerCopy.setSeconds(project, List.of(3, 4), 30);
                long stopped = post("runs", "{\"project\": \"" + project + "\", \"plans\": [\"03\", \"04\"], \"force\": true,"
                        + " \"workers\": [\"local\"]}")
                        .getJsonNumber("id").longValue();
                api.waitForRun(stopped, r -> r.getJsonObject("counts").getInt("running") >= 1, Duration.ofMinutes(2));
                assertEquals(202, api.post(RasfleetClient.OPERATOR, "runs/" + stopped + "/stop", "").status());
                JsonObject halted = api.waitForRun(stopped, r -> "STOPPED".equals(r.getString("status", null)), Duration.ofMinutes(2));
                ServerCopy.setSeconds(project, List.of(3, 4), 3);
                long execution = halted.getJsonNumber("jobExecutionId").longValue();
                Process cli = new ProcessBuilder(server.home.resolve("bin/jboss-cli.sh").toString(), "-c",
                        "--controller=127.0.0.1:" + (9990 + server.offset),
                        "--command=/deployment=rasfleet.war/subsystem=batch-jberet:restart-job(execution-id=" + execution + ")")
                        .redirectErrorStream(true).start();
                String said = new String(cli.getInputStream().readAllBytes());
                assertEquals(0, cli.waitFor(), said);
                assertTrue(said.contains("success"), said);
                JsonObject restarted = api.waitForRun(stopped, r -> "COMPLETED".equals(r.getString("status", null)),
                        Duration.ofMinutes(3));
                assertEquals(List.of("03", "04"), ServerCopy.plans(restarted, "SUCCEEDED"), restarted.toString());
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

    /** Whether plan 03 or 04 (minutes long) has computed for a while: its progress shows. */
    private static boolean longPlanComputes(JsonObject run) {
        return run.getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> List.of("03", "04").contains(p.getString("plan")) && "RUNNING".equals(p.getString("state"))
                        && p.containsKey("progress") && !p.isNull("progress") && p.getJsonNumber("progress").doubleValue() > 0);
    }

    private JsonObject post(String path, String body) throws Exception {
        RasfleetClient.Answer answer = api.post(RasfleetClient.OPERATOR, path, body);
        assertEquals(202, answer.status(), answer.body());
        return answer.json();
    }
}
