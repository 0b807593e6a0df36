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
import io.rasfleet.testing.FakePsExec;
import io.rasfleet.testing.Samba;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.ServerCredentials;
import io.rasfleet.testing.StandIn;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Windows worker over REST: a real Samba share for the files, PsExec played by {@link FakePsExec},
 * the login's password in the server's credential store. The whole flow (stage, launch, progress,
 * verify, bring home, clean) runs end to end, and the password shows nowhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WindowsWorkersIT {

    static final String PASSWORD = "Win-" + UUID.randomUUID();

    @TempDir
    static Path tmp;
    static Samba samba;
    static final RasfleetClient api = new RasfleetClient();

    @BeforeAll
    static void worker() throws Exception {
        samba = Samba.start(tmp.resolve("samba"), PASSWORD);
        String alias = ServerCredentials.add(tmp, PASSWORD);
        Path config = Files.writeString(tmp.resolve("fake-psexec.properties"), String.join("\n",
                "host=127.0.0.1", "sessions=1:Active", "user=" + Samba.USER, "password=" + PASSWORD,
                "map.0=C:\\RasShare|" + samba.shareFolder(), "map.1=C:\\HEC\\Ras.exe|" + StandIn.rasLauncher(tmp.resolve("hec")),
                "log=" + tmp.resolve("psexec-calls.log"), "").replace("\\", "\\\\"));
        Path psexec = FakePsExec.launcher(tmp.resolve("pstools"), config);
        RasfleetClient.Answer added = api.post(ADMIN, "workers", """
                {"name": "win1", "worker_type": "psexec", "cores_total": 2, "cores_per_plan": 1, "hostname": "127.0.0.1",
                 "port": %d, "share_path": "\\\\\\\\127.0.0.1\\\\RasShare", "session_id": 1, "username": "%s",
                 "credential_alias": "%s", "ras_exe_path": "C:\\\\HEC\\\\Ras.exe", "psexec_path": "%s",
                 "process_priority": "below normal"}""".formatted(samba.port(), Samba.USER, alias, psexec));
        assertEquals(201, added.status(), added.body());
    }

    @AfterAll
    static void removeWorker() throws Exception {
        api.delete(ADMIN, "workers/win1");
        if (samba != null) {
            samba.close();
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
}
