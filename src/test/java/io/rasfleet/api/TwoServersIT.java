package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.ProcessWatch;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two servers on one PostgreSQL database (schema {@code rasfleet_it_two}, after {@code rasfleet.it.pg.schema}): the first is killed with -9
 * in the middle of a run; the second refuses to restart it while the first one's leases on its
 * running plans last, then takes it over and completes it. No plan ever runs twice at once, and the
 * dead server's HEC-RAS processes are ended when their plans are taken over.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "needs a database both servers share")
@ExtendWith(RequiredServices.class)
class TwoServersIT {

    static final int LEASE_SECONDS = 8;
    private static final Pattern PLAN_FILE = Pattern.compile("\\.p(\\d{2})$");

    @Test
    void aRunOfAKilledServerIsTakenOverByTheOtherOnceItsLeasesExpire() throws Exception {
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("two-" + UUID.randomUUID());
        Path project = ServerCopy.eightPlans(SampleProjects.muncie(root), 40);
        ServerCopy.setSeconds(project, List.of(1, 2), 3);
        Map<String, String> database = Map.of("RASFLEET_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + System.getProperty("rasfleet.it.pg.schema", "rasfleet_it") + "_two",
                "RASFLEET_DB_USER", System.getProperty("rasfleet.it.pg.user", "postgres"),
                "RASFLEET_DB_PASSWORD", System.getProperty("rasfleet.it.pg.password", "postgres"));
        ServerCopy first = ServerCopy.of("two-first");
        ServerCopy second = ServerCopy.of("two-second", first);
        first.start(database, "-Djboss.node.name=two-first", "-Drasfleet.lease.seconds=" + LEASE_SECONDS,
                "-Drasfleet.project.roots=" + root);
        try {
            second.start(database, "-Djboss.node.name=two-second", "-Drasfleet.lease.seconds=" + LEASE_SECONDS,
                    "-Drasfleet.project.roots=" + root);
            try (ProcessWatch standIns = ProcessWatch.start(line -> line.contains("io.rasfleet.sim.RasSim")
                    && (line.contains(first.home.toString()) || line.contains(second.home.toString())))) {
                RasfleetClient.Answer started = first.api.post(RasfleetClient.OPERATOR, "runs", "{\"project\": \"" + project + "\"}");
                assertEquals(202, started.status(), started.body());
                long id = started.json().getJsonNumber("id").longValue();
                JsonObject before = first.api.waitForRun(id, run -> run.getJsonObject("counts").getInt("succeeded") >= 2
                        && run.getJsonObject("counts").getInt("running") >= 1, Duration.ofMinutes(3));
                first.kill9();
                Instant killed = Instant.now();
                List<String> doneBefore = ServerCopy.plans(before, "SUCCEEDED");
                assertFalse(first.standIns().isEmpty(), "the dead server's plans run on");
                ServerCopy.setSeconds(project, List.of(3, 4, 5, 6, 7, 8), 3);

                RasfleetClient.Answer tooSoon = second.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
                assertEquals(409, tooSoon.status(), tooSoon.body());
                assertTrue(tooSoon.body().contains("is running on server two-first"), tooSoon.body());

                RasfleetClient.Answer restarted;
                do {
                    Thread.sleep(1000);
                    restarted = second.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
                } while (restarted.status() == 409 && Duration.between(killed, Instant.now()).toSeconds() < 4L * LEASE_SECONDS);
                assertEquals(202, restarted.status(), restarted.body());
                assertTrue(Duration.between(killed, Instant.now()).toSeconds() >= LEASE_SECONDS - 2,
                        "taken over only once the leases ran out");

                JsonObject run = second.api.waitForRun(id, r -> "COMPLETED".equals(r.getString("status", null)), Duration.ofMinutes(4));
                assertEquals(8, ServerCopy.plans(run, "SUCCEEDED").size(), run.toString());
                assertEquals(List.of(), first.standIns(), "the dead server's processes were ended when their plans were taken over");
                for (JsonObject plan : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                    List<JsonObject> attempts = plan.getJsonArray("attemptHistory").getValuesAs(JsonObject.class);
                    if (doneBefore.contains(plan.getString("plan"))) {
                        assertEquals(1, attempts.size(), "succeeded before the kill, not launched again: " + plan);
                    }
                    assertEquals(1, attempts.stream().filter(a -> "SUCCEEDED".equals(a.getString("outcome"))).count(), plan.toString());
                }
                // what ran, as /proc saw it, not the times the servers recorded: a taken-over plan's new
                // HEC-RAS may start only once the dead server's one is gone
                Map<String, List<ProcessWatch.Seen>> byPlan = standIns.seen().stream()
                        .collect(Collectors.groupingBy(TwoServersIT::planOf));
                assertTrue(byPlan.values().stream().anyMatch(seen -> seen.size() >= 2),
                        "the watch saw a taken-over plan's old and new process: " + byPlan);
                byPlan.forEach((plan, seen) -> {
                    for (int i = 0; i < seen.size(); i++) {
                        for (int j = i + 1; j < seen.size(); j++) {
                            assertFalse(seen.get(i).overlaps(seen.get(j)), "plan " + plan + " ran twice at once: " + seen);
                        }
                    }
                });
                assertTrue(run.toString().contains("taken over by server two-second"), run.toString());
            } finally {
                second.stop();
            }
        } finally {
            if (first.alive()) {
                first.kill9();
            }
        }
    }

    /** The plan a stand-in computes: its command line ends with the plan file, {@code Muncie.pNN}. */
    private static String planOf(ProcessWatch.Seen process) {
        Matcher plan = PLAN_FILE.matcher(process.commandLine().strip());
        if (!plan.find()) {
            throw new AssertionError("no plan file at the end of " + process.commandLine());
        }
        return plan.group(1);
    }
}
