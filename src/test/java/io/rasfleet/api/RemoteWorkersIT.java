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
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.FakePsExec;
import io.rasfleet.testing.Samba;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of worker over REST: the demo's local worker, an SSH worker (a real sshd on loopback,
 * the stand-in as its Linux engine), a Docker worker (this machine's engine, an image built here)
 * and a Windows worker (a real Samba share, PsExec played by {@link FakePsExec}, its login's
 * password in the server's credential store).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteWorkersIT {

    @TempDir
    static Path tmp;
    static RemoteFleet fleet;
    static Sshd sshd;
    static Samba samba;
    static String PASSWORD;
    static String localBefore;
    static final RasfleetClient api = new RasfleetClient();

    @BeforeAll
    static void workers() throws Exception {
        // the Linux workers fill first and the demo worker takes the rest, two at a time, on any machine
        localBefore = api.get(ADMIN, "workers/local").json().toString();
        String local = localBefore.replaceFirst("\"cores_total\":\\d+", "\"cores_total\":2")
                .replaceFirst("\"cores_per_plan\":\\d+", "\"cores_per_plan\":1")
                .replaceFirst("\"queue_priority\":\\d+", "\"queue_priority\":1");
        assertEquals(200, api.put(ADMIN, "workers/local", local).status());
        fleet = RemoteFleet.addTo(api, tmp, Path.of(System.getProperty("rasfleet.it.server")),
                Integer.parseInt(System.getProperty("rasfleet.it.managementPort", "9990")));
        sshd = fleet.sshd;
        samba = fleet.samba;
        PASSWORD = fleet.password;
    }

    @AfterAll
    static void removeWorkers() throws Exception {
        if (fleet != null) {
            fleet.removeFrom(api);
            fleet.close();
        }
        if (localBefore != null) {
            api.put(ADMIN, "workers/local", localBefore);
        }
    }

    static Path project(double seconds) {
        return SampleProjects.muncieForLinux(Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString()),
                tmp.resolve("pre-" + UUID.randomUUID()), seconds, "1", "2", "3", "5");
    }

    long start(Path project, int maxAttempts) throws Exception {
        RasfleetClient.Answer answer = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"1\", \"2\","
                + " \"3\", \"5\"], \"workers\": [\"local\", \"linux1\", \"dock1\"], \"maxAttempts\": " + maxAttempts + "}");
        assertEquals(202, answer.status(), answer.body());
        return answer.json().getJsonNumber("id").longValue();
    }

    @Test
    void checksOfTheLinuxWorkersSayWhatTheyReached() throws Exception {
        RasfleetClient.Answer ssh = api.post(ADMIN, "workers/linux1/check", null);
        assertEquals(200, ssh.status(), ssh.body());
        assertTrue(ssh.body().contains("ras_engine_path") && ssh.body().contains("free disk"), ssh.body());
        RasfleetClient.Answer docker = api.post(ADMIN, "workers/dock1/check", null);
        assertTrue(docker.body().contains("docker_image") && docker.body().contains("is present"), docker.body());
    }

    @Test
    void oneRunSpreadOverLocalSshAndDockerWorkersBringsEveryPlanHomeVerified() throws Exception {
        Path project = project(4);
        long id = start(project, 2);
        JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(4));
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        Set<String> workers = new HashSet<>();
        for (String plan : List.of("01", "02", "03", "05")) {
            JsonObject p = RasfleetClient.plan(run, plan);
            assertEquals("SUCCEEDED", p.getString("state"), p.toString());
            workers.add(p.getString("worker"));
            assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(project.resolve("Muncie.p" + plan + ".hdf"),
                    RunEvidence.none()).state());
        }
        assertEquals(Set.of("local", "linux1", "dock1"), workers, "every kind of worker took a plan: " + run);
        try (var files = Files.list(project)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("rasfleet-partial")));
        }
        assertTrue(Files.notExists(tmp.resolve("linux1/run-" + id)), "the SSH worker's folders were cleaned");
    }

    @Test
    void aKilledContainerAndAStoppedSshdFailTheirAttemptsWithAReasonAndTheRunGoesOn() throws Exception {
        Path project = project(10);
        // a plan whose worker died may land on the other dying one before it is known dead: three attempts
        long id = start(project, 3);
        // cut while the Docker and SSH plans compute: a cut during staging would test something else
        api.waitForRun(id, r -> RasfleetClient.computingOn(r, "dock1") && RasfleetClient.computingOn(r, "linux1"),
                Duration.ofMinutes(1));
        String container = Await.until("the run's container listed by the Docker engine", Duration.ofSeconds(30),
                () -> Processes.output("docker", "ps", "-q", "--filter", "label=io.rasfleet.run=" + id, "--filter", "status=running")
                        .strip(), listed -> !listed.isEmpty());
        Processes.output("docker", "kill", container);
        sshd.stop();
        JsonObject run;
        boolean healthyWhileDown;
        try {
            run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(4));
            healthyWhileDown = api.get(ADMIN, "workers/linux1").json().getBoolean("healthy");
        } finally {
            sshd.restart();
        }
        assertFalse(healthyWhileDown, "the unreachable SSH worker is marked unhealthy");
        Await.until("the background check of linux1 passing once sshd is back", Duration.ofSeconds(60), Duration.ofSeconds(1),
                () -> api.get(ADMIN, "workers/linux1").json().getBoolean("healthy"), Boolean::booleanValue);
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        String history = run.toString();
        for (String plan : List.of("01", "02", "03", "05")) {
            assertEquals("SUCCEEDED", RasfleetClient.plan(run, plan).getString("state"), history);
        }
        // which the engine reports first is a race: the container gone, or its process killed (exit 137 = SIGKILL)
        assertTrue(history.contains("stopped under the plan") || history.contains("HEC-RAS was killed (exit code 137, signal 9)"),
                "the container's end is the reason: " + history);
        assertTrue(history.contains("SSH connection to 127.0.0.1:" + sshd.port() + " was lost"), "the lost sshd is the reason: "
                + history);
        assertTrue(history.contains("\"outcome\":\"MACHINE_FAILED\""), "a killed container is this plan's loss: " + history);
        assertTrue(history.contains("\"outcome\":\"WORKER_LOST\""), "a stopped sshd is the worker's: " + history);
    }

    @Test
    void aPasswordFromTheCredentialStoreLogsInAndIsNeverShown() throws Exception {
        io.rasfleet.testing.Services.need("sshd", "0".equals(Processes.run(List.of("id", "-u")).output().strip()),
                "a login user with a password can only be made as root");
        String password = "Pw-" + UUID.randomUUID();
        String user = "rfpw";
        Processes.run(List.of("useradd", "-M", "-s", "/bin/sh", user));
        Process chpasswd = new ProcessBuilder("chpasswd").start();
        chpasswd.getOutputStream().write((user + ":" + password + "\n").getBytes());
        chpasswd.getOutputStream().close();
        assertEquals(0, chpasswd.waitFor(), "chpasswd");
        String alias = io.rasfleet.testing.ServerCredentials.add(tmp, password);
        Path server = Path.of(System.getProperty("rasfleet.it.server"));

        // a folder the login user can use, and an engine it can read (the build's class path is root's)
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "rasfleet-pw-");
        try {
            Processes.check(Processes.run(List.of("chmod", "755", shared.toString())), "chmod");
            Path engine = StandIn.selfContainedLinuxEngine(shared.resolve("engine"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), shared.resolve("engine").toString());
            Path folder = Files.createDirectories(shared.resolve("work"));
            Processes.check(Processes.run(List.of("chmod", "-R", "a+rX", engine.toString())), "chmod");
            Processes.check(Processes.run(List.of("chmod", "777", folder.toString())), "chmod");
            RasfleetClient.Answer added = api.post(ADMIN, "workers", """
                    {"name": "linuxpw", "worker_type": "ssh", "cores_total": 1, "hostname": "127.0.0.1", "port": %d,
                     "username": "%s", "credential_alias": "%s", "known_hosts_path": "%s", "worker_folder": "%s",
                     "ras_engine_path": "%s"}""".formatted(sshd.port(), user, alias, sshd.knownHosts(), folder, engine));
            assertEquals(201, added.status(), added.body());
            RasfleetClient.Answer check = api.post(ADMIN, "workers/linuxpw/check", null);
            assertTrue(check.body().contains("credential store alias '" + alias + "'") && !check.body().contains("FAILED"),
                    check.body());

            Path project = project(1);
            RasfleetClient.Answer started = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"1\"],"
                    + " \"workers\": [\"linuxpw\"]}");
            assertEquals(202, started.status(), started.body());
            long id = started.json().getJsonNumber("id").longValue();
            JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(2));
            assertEquals("COMPLETED", run.getString("status"), run.toString());

            List<String> seen = new java.util.ArrayList<>(List.of(run.toString(), check.body(), added.body(),
                    api.get(ADMIN, "workers").body(), api.get(ADMIN, "workers/linuxpw").body(), api.get(ADMIN, "runs").body(),
                    Files.readString(project.resolve("rasfleet-run-" + id + ".json")),
                    Files.readString(server.resolve("standalone/log/server.log"))));
            for (String text : seen) {
                assertTrue(!text.contains(password), "the password leaked into: " + text.substring(0, Math.min(200, text.length())));
            }
        } finally {
            api.delete(ADMIN, "workers/linuxpw");
            Processes.run(List.of("rm", "-rf", shared.toString()));
        }
    }

    /**
     * A workers file laid out as ras-commander's RemoteWorkers.json template and examples (names with spaces, a
     * password, comments, Docker staging keys, queue_priority 11), pointed at this test's Samba share: it imports as
     * it is but for the local worker's Windows folder, and the password lands in the credential store only.
     */
    @Test
    void rasCommandersWorkersFileImportsWithThePasswordOnlyInTheCredentialStore() throws Exception {
        Path psexec = Path.of(api.get(ADMIN, "workers/win1").json().getString("psexec_path"));
        String file = """
                {"description": "Worker configuration template for ras-commander remote execution.",
                 "workers": [
                  {"name": "Local Compute", "worker_type": "local", "worker_folder": "C:\\\\RasRemote", "process_priority": "low",
                   "queue_priority": 0, "cores_total": 4, "cores_per_plan": 2, "enabled": true},
                  {"name": "Remote Windows PC", "worker_type": "psexec", "hostname": "127.0.0.1", "port": %d,
                   "share_path": "\\\\\\\\127.0.0.1\\\\RasShare", "worker_folder": "C:\\\\RasShare", "username": "%s", "password": "%s",
                   "ras_exe_path": "C:\\\\HEC\\\\Ras.exe", "psexec_path": "%s", "session_id": 1, "process_priority": "low",
                   "queue_priority": 1, "cores_total": 8, "cores_per_plan": 4, "enabled": false},
                  {"name": "Remote Docker 6.7 (SSH)", "worker_type": "docker", "docker_image": "hecras:6.7",
                   "docker_host": "ssh://username@192.168.1.100", "share_path": "\\\\\\\\192.168.1.100\\\\RasRemote",
                   "remote_staging_path": "/mnt/c/RasRemote", "cores_total": 8, "cores_per_plan": 4, "preprocess_on_host": true,
                   "max_runtime_minutes": 120, "queue_priority": 2, "enabled": false, "_comment": "SSH recommended"},
                  {"name": "Local Docker 6.6", "worker_type": "docker", "docker_image": "hecras:6.6", "cores_total": 8,
                   "cores_per_plan": 4, "max_runtime_minutes": 60, "queue_priority": 11, "enabled": false}
                 ],
                 "_comments": {"queue_priority": "Execution priority. Lower values execute first."}}"""
                .formatted(samba.port(), Samba.USER, PASSWORD, psexec.toString().replace("\\", "\\\\"));
        List<String> names = List.of("Remote%20Windows%20PC", "Remote%20Docker%206.7%20(SSH)", "Local%20Docker%206.6");
        try {
            RasfleetClient.Answer imported = api.post(ADMIN, "workers/import", file);
            assertEquals(200, imported.status(), imported.body());
            JsonObject answer = imported.json();
            assertEquals(List.of("Remote Windows PC", "Remote Docker 6.7 (SSH)", "Local Docker 6.6"),
                    answer.getJsonArray("saved").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertEquals(1, answer.getJsonArray("refused").size(), answer.toString());
            assertTrue(answer.getJsonArray("refused").getString(0).startsWith("worker Local Compute refused (worker_folder): worker_folder"
                    + " 'C:\\RasRemote' of worker Local Compute is a Windows folder"), answer.toString());
            assertTrue(answer.getJsonArray("ignored").toString().contains("worker Remote Docker 6.7 (SSH): share_path: "), answer.toString());
            assertTrue(answer.getJsonArray("ignored").toString().contains("worker Remote Docker 6.7 (SSH): remote_staging_path: "),
                    answer.toString());

            JsonObject pc = api.get(ADMIN, "workers/" + names.get(0)).json();
            assertEquals("Remote Windows PC", pc.getString("name"));
            assertFalse(pc.getBoolean("enabled"));
            assertEquals(8, pc.getInt("cores_total"));
            assertEquals(4, pc.getInt("cores_per_plan"));
            assertEquals(1, pc.getInt("queue_priority"));
            assertEquals("low", pc.getString("process_priority"));
            String alias = pc.getString("credential_alias");
            assertTrue(alias.startsWith("worker-remote-windows-pc-"), alias);
            JsonObject docker = api.get(ADMIN, "workers/" + names.get(1)).json();
            assertTrue(docker.getBoolean("preprocess_on_host"));
            assertEquals(2, docker.getInt("queue_priority"));
            assertEquals(120, docker.getInt("max_runtime_minutes"));
            assertEquals(11, api.get(ADMIN, "workers/" + names.get(2)).json().getInt("queue_priority"));

            // the check logs into the share with what the store holds under the alias: the password itself
            RasfleetClient.Answer check = api.post(ADMIN, "workers/" + names.get(0) + "/check", null);
            assertEquals(200, check.status(), check.body());
            JsonObject share = check.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(item -> item.getString("what").equals("share_path")).findFirst().orElseThrow();
            assertTrue(share.getBoolean("ok"), check.body());
            Path server = Path.of(System.getProperty("rasfleet.it.server"));
            String aliases = Processes.run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "-c",
                    io.rasfleet.testing.ServerCredentials.controller(), "/subsystem=elytron/credential-store=rasfleet:read-aliases")).output();
            assertTrue(aliases.contains(alias), aliases);
            // what the server's database holds: PostgreSQL's dump, or the bytes of the H2 file (strings are stored as text)
            String database = "postgresql".equals(System.getProperty("rasfleet.it.db"))
                    ? Processes.run(List.of("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", "-n",
                            System.getProperty("rasfleet.it.pg.schema", "rasfleet_it"), "test")).output()
                    : new String(Files.readAllBytes(server.resolve("standalone/data/rasfleet/rasfleet.mv.db")),
                            java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(database.contains("Remote Windows PC"), "the dump holds the workers");
            for (String text : List.of(imported.body(), api.get(ADMIN, "workers").body(), check.body(), database,
                    Files.readString(server.resolve("standalone/log/server.log")))) {
                assertFalse(text.contains(PASSWORD), "the password leaked: " + text.substring(0, Math.min(300, text.length())));
            }
        } finally {
            for (String name : names) {
                api.delete(ADMIN, "workers/" + name);
            }
        }
    }

    @Test
    void aRunOnAWindowsWorkerBringsEveryPlanHomeVerifiedAndThePasswordShowsNowhere() throws Exception {
        RasfleetClient.Answer check = api.post(OPERATOR, "workers/win1/check", null);
        assertEquals(200, check.status(), check.body());
        assertFalse(check.body().contains("FAILED"), check.body());
        assertTrue(check.body().contains("session 1 is active"), check.body());

        Path project = SampleProjects.muncie(Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString()));
        for (String plan : List.of("1", "2", "3", "5")) {
            KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie.p0" + plan));
            text.setAll("RASSIM Seconds", "2", null);
            text.save();
        }
        RasfleetClient.Answer started = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"1\", \"2\","
                + " \"3\", \"5\"], \"workers\": [\"win1\"]}");
        assertEquals(202, started.status(), started.body());
        long id = started.json().getJsonNumber("id").longValue();
        JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(3));
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        for (String plan : List.of("01", "02", "03", "05")) {
            JsonObject p = RasfleetClient.plan(run, plan);
            assertEquals("SUCCEEDED", p.getString("state"), p.toString());
            assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(project.resolve("Muncie.p" + plan + ".hdf"),
                    RunEvidence.none()).state());
        }
        try (var left = Files.list(samba.shareFolder())) {
            assertEquals(List.of(), left.map(Path::getFileName).map(Path::toString).filter(n -> !n.equals("rasfleet")).toList());
        }
        assertFalse(Files.exists(samba.shareFolder().resolve("rasfleet/run-" + id)), "the share is cleaned");

        Path log = Path.of(System.getProperty("rasfleet.it.server"), "standalone/log/server.log");
        for (String text : List.of(run.toString(), check.body(), api.get(ADMIN, "workers").body(), api.get(ADMIN, "workers/win1").body(),
                api.get(ADMIN, "runs").body(), api.get(ADMIN, "runs/" + id + "/plans/1/messages").body(),
                Files.readString(project.resolve("rasfleet-run-" + id + ".json")), Files.readString(log))) {
            assertFalse(text.contains(PASSWORD), "the password leaked: " + text.substring(0, Math.min(300, text.length())));
        }
    }

    @Test
    void aStopEndsEveryRunningPlanOnEveryKindOfWorkerWithinThirtySeconds() throws Exception {
        Path project = project(300);
        RasfleetClient.Answer started = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"1\", \"2\","
                + " \"3\", \"5\"], \"workers\": [\"local\", \"linux1\", \"dock1\", \"win1\"]}");
        assertEquals(202, started.status(), started.body());
        long id = started.json().getJsonNumber("id").longValue();
        JsonObject running = api.waitForRun(id, r -> Stream.of("local", "linux1", "dock1", "win1")
                .allMatch(worker -> RasfleetClient.computingOn(r, worker)), Duration.ofMinutes(2));
        Set<String> workers = new HashSet<>();
        running.getJsonArray("plans").getValuesAs(JsonObject.class).forEach(p -> workers.add(p.getString("worker")));
        assertEquals(Set.of("local", "linux1", "dock1", "win1"), workers, running.toString());
        List<Long> computing = Processes.mentioning("io.rasfleet.sim.RasSim");
        assertTrue(computing.size() >= 4, "every plan computes: " + computing);

        java.time.Instant stopped = java.time.Instant.now();
        assertEquals(202, api.post(OPERATOR, "runs/" + id + "/stop", null).status());
        JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofSeconds(60));
        Duration took = Duration.between(stopped, java.time.Instant.now());
        assertEquals("STOPPED", run.getString("status"), run.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(30)) <= 0, "the stop took " + took);
        List<Long> left = Processes.mentioning("io.rasfleet.sim.RasSim");
        assertEquals(List.of(), left, "no HEC-RAS is left anywhere:\n" + Processes.describe(left) + run);
        Process containers = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=io.rasfleet.run=" + id).start();
        assertEquals("", new String(containers.getInputStream().readAllBytes()).strip(), "no container is left");
        System.out.println("stop of a run on local, SSH, Docker and Windows workers took " + took.toMillis() + " ms");
    }
}
