package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Slurm;
import io.rasfleet.testing.StandIn;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Slurm worker in the packaged server, against a real slurmctld and slurmd on loopback: the
 * server is a copy of target/it-server that is itself a submit host ({@code SLURM_CONF} in its
 * environment, no {@code hostname}), started on a free port offset since the test kills it.
 */
@EnabledOnOs(OS.LINUX)
@DisabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "runs its own server on H2")
class SlurmWorkersIT {

    @TempDir
    Path tmp;
    private ServerCopy server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null && server.alive()) {
            server.stop();
        }
    }

    private Path project(Path root, double seconds) {
        return SampleProjects.muncieForLinux(root.resolve(UUID.randomUUID().toString()), tmp.resolve("pre-" + UUID.randomUUID()), seconds,
                "1", "2", "3", "5");
    }

    private long start(Path project, String workers) throws Exception {
        RasfleetClient.Answer answer = server.api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"1\", \"2\","
                + " \"3\", \"5\"], \"workers\": [" + workers + "], \"maxAttempts\": 1}");
        assertEquals(202, answer.status(), answer.body());
        return answer.json().getJsonNumber("id").longValue();
    }

    /** What squeue lists of the cluster's jobs for run {@code id}: their comments. */
    private static List<String> jobsOfRun(Slurm cluster, long id) throws Exception {
        ProcessBuilder squeue = new ProcessBuilder("squeue", "--noheader", "--format=%k").redirectErrorStream(true);
        squeue.environment().putAll(cluster.environment());
        Process p = squeue.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(line -> line.contains(" run-" + id + " ")).toList();
    }

    @Test
    void slurmMixesWithALocalWorkerAndAKilledServersJobsAreAdoptedAtItsNextStartAndStoppedThere() throws Exception {
        Slurm cluster = Slurm.cluster();
        Path engine = StandIn.linuxEngine(tmp.resolve("engine"));
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("slurm-" + UUID.randomUUID());
        server = ServerCopy.of("slurm-server");
        RasfleetClient api = server.api;
        server.start(cluster.environment(), "-Drasfleet.project.roots=" + root);

        String local = api.get(ADMIN, "workers/local").json().toString().replaceFirst("\"cores_total\":\\d+", "\"cores_total\":1")
                .replaceFirst("\"cores_per_plan\":\\d+", "\"cores_per_plan\":1").replaceFirst("\"queue_priority\":\\d+", "\"queue_priority\":1");
        assertEquals(200, api.put(ADMIN, "workers/local", local).status());
        // each plan takes the node's 2 CPUs: one computes, the next waits in the cluster's queue
        RasfleetClient.Answer added = api.post(ADMIN, "workers", """
                {"name": "hpc", "worker_type": "slurm", "partition": "%s", "max_jobs": 2, "cores_per_plan": 2,
                 "max_runtime_minutes": 20, "worker_folder": "%s", "ras_engine_path": "%s"}"""
                .formatted(Slurm.PARTITION, tmp.resolve("hpc"), engine));
        assertEquals(201, added.status(), added.body());
        assertEquals(2, added.json().getInt("max_jobs"));
        RasfleetClient.Answer check = api.post(ADMIN, "workers/hpc/check", null);
        assertEquals(200, check.status(), check.body());
        assertTrue(check.body().contains("partition debug has 1 node(s) up"), check.body());
        RasfleetClient.Answer bad = api.post(ADMIN, "workers", """
                {"name": "hpc-bad", "worker_type": "slurm", "partition": "nosuchpart", "max_jobs": 1,
                 "worker_folder": "%s", "ras_engine_path": "%s"}""".formatted(tmp.resolve("hpc"), engine));
        assertEquals(201, bad.status(), bad.body());
        String refused = api.post(ADMIN, "workers/hpc-bad/check", null).body();
        assertTrue(refused.contains("the cluster has no partition nosuchpart"), refused);
        assertEquals(204, api.delete(ADMIN, "workers/hpc-bad").status());

        Path project = project(root, 4);
        long mixed = start(project, "\"local\", \"hpc\"");
        JsonObject run = api.waitForRun(mixed, RasfleetClient::ended, Duration.ofMinutes(4));
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        Set<String> workers = new HashSet<>();
        for (String plan : List.of("01", "02", "03", "05")) {
            JsonObject p = RasfleetClient.plan(run, plan);
            assertEquals("SUCCEEDED", p.getString("state"), p.toString());
            workers.add(p.getString("worker"));
            assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(project.resolve("Muncie.p" + plan + ".hdf"), RunEvidence.none()).state());
        }
        assertEquals(Set.of("local", "hpc"), workers, "both workers took plans: " + run);
        assertEquals(List.of(), jobsOfRun(cluster, mixed));

        Path hanging = project(root, 4);
        for (String plan : List.of("1", "2", "3", "5")) {
            KeyedTextFile text = KeyedTextFile.read(hanging.resolve("Muncie.p0" + plan));
            text.setAll("RASSIM Outcome", "hang", null);
            text.save();
        }
        long crashed = start(hanging, "\"hpc\"");
        JsonObject waiting = api.waitForRun(crashed, r -> r.getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("queued", "").matches("queued on the cluster \\((Resources|Priority)\\)")),
                Duration.ofMinutes(2));
        assertEquals(2, ServerCopy.plans(waiting, "RUNNING").size(), "both slots of hpc hold a plan: " + waiting);
        server.kill9();
        assertEquals(2, jobsOfRun(cluster, crashed).size(), "the dead server's jobs are still on the cluster");

        server.start(cluster.environment(), "-Drasfleet.project.roots=" + root);
        // the next start adopts both jobs, the computing one and the queued one: they stay on the cluster
        Await.until("both jobs adopted", Duration.ofSeconds(60), () -> {
            String log = java.nio.file.Files.readString(server.home.resolve("standalone/log/server.log"));
            return log.lines().filter(l -> l.contains("RASFLEET000240: run " + crashed + " ")).count();
        }, adopted -> adopted == 2);
        assertEquals(2, jobsOfRun(cluster, crashed).size(), "the adopted jobs keep computing and waiting");
        assertEquals(202, api.post(OPERATOR, "runs/" + crashed + "/stop", null).status());
        Await.until("the adopted jobs cancelled by the stop", Duration.ofSeconds(60), () -> jobsOfRun(cluster, crashed), List::isEmpty);
        JsonObject stopped = api.waitForRun(crashed, RasfleetClient::ended, Duration.ofMinutes(1));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        assertEquals(List.of(), ServerCopy.plans(stopped, "RUNNING"), "no plan is left RUNNING: " + stopped);
        assertFalse(stopped.toString().contains("queued on the cluster"), "nothing is shown queued any more: " + stopped);
    }
}
