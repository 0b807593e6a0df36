package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A plan that hangs is ended at the run's time limit, recorded as timed out, and leaves no process. */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class TimeLimitIT {

    private final RasfleetClient api = new RasfleetClient();

    @Test
    void hangingPlanIsEndedAtItsTimeLimitAndTheOthersFinish() throws Exception {
        Path project = SampleProjects.muncie(Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString()));
        for (String plan : new String[] {"p01", "p02"}) {
            KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie." + plan));
            text.setAll("RASSIM Seconds", "1", null);
            text.setAll("RASSIM Outcome", plan.equals("p01") ? "hang" : "success", null);
            text.save();
        }
        RasfleetClient.Answer started = api.post(OPERATOR, "runs", "{\"project\": \"" + project
                + "\", \"plans\": [\"1\", \"2\"], \"timeoutMinutes\": 1, \"maxAttempts\": 3}");
        assertEquals(202, started.status(), started.body());
        JsonObject run = api.waitForRun(started.json().getInt("id"), RasfleetClient::ended, Duration.ofMinutes(3));
        JsonObject hung = RasfleetClient.plan(run, "01");
        assertEquals("FAILED", hung.getString("state"), hung.toString());
        assertEquals(1, hung.getInt("attempts"), "a time-out is not retried: the plan would hang again");
        assertTrue(hung.getString("error").contains("time limit of 1 min was reached"), hung.toString());
        assertEquals("INCOMPLETE", hung.getString("verdict"));
        assertEquals("SUCCEEDED", RasfleetClient.plan(run, "02").getString("state"));
        assertEquals(List.of(), Processes.mentioning("io.rasfleet.sim.RasSim", "run-" + started.json().getInt("id") + "/p01-a1"),
                "the hung plan's processes are gone");
    }
}
