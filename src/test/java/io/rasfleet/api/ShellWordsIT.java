package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shell words in the strings a user controls (project folder, worker folder) reach HEC-RAS's
 * command line as data: no shell ever reads them.
 */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class ShellWordsIT {

    private final RasfleetClient api = new RasfleetClient();

    @Test
    void shellWordsInProjectAndWorkerFoldersStayData() throws Exception {
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString());
        Path marker = root.resolve("PWNED");
        String words = "x $(touch " + marker + ") `touch " + marker + "`; touch " + marker + " & 'q\"";
        Path project = SampleProjects.muncie(root.resolve("Muncie " + words));
        Path workerFolder = root.resolve("work " + words);
        String standIn = Path.of(System.getProperty("rasfleet.it.server"), "ras-sim", "Ras").toString();
        String worker = "{\"name\": \"shelly\", \"worker_type\": \"local\", \"cores_total\": 1, \"cores_per_plan\": 1,"
                + " \"worker_folder\": " + json(workerFolder.toString()) + ", \"ras_exe_path\": " + json(standIn)
                + ", \"autoclean\": false}";
        RasfleetClient.Answer created = api.post(ADMIN, "workers", worker);
        assertEquals(201, created.status(), created.body());
        try {
            RasfleetClient.Answer started = api.post(OPERATOR, "runs", "{\"project\": " + json(project.toString())
                    + ", \"plans\": [\"1\"], \"workers\": [\"shelly\"]}");
            assertEquals(202, started.status(), started.body());
            JsonObject run = api.waitForRun(started.json().getInt("id"), RasfleetClient::ended, Duration.ofMinutes(2));
            assertEquals("COMPLETED", run.getString("status"), run.toString());
            assertTrue(Files.exists(project.resolve("Muncie.p01.hdf")));
            assertTrue(Files.isDirectory(workerFolder), "the folder was made with its name as given");
            assertFalse(Files.exists(marker), "a shell ran one of the words");
        } finally {
            api.delete(ADMIN, "workers/shelly");
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
