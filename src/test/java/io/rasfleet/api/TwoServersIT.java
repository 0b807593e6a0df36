package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Await;
import io.rasfleet.testing.ProcessWatch;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.Renames;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two servers, alpha and beta, on one PostgreSQL database (schema {@code rasfleet_it_two}, after
 * {@code rasfleet.it.pg.schema}), as if on two machines sharing a worker. Alpha reaches the database
 * only through a TCP proxy of this test ({@link DatabaseOutageIT.TcpProxy}); beta directly. Both
 * servers are booted once for both scenarios (a boot costs more than a scenario): first alpha's
 * database is cut while its plans compute and restored while beta computes them; then alpha is
 * killed with -9 in the middle of another run. Each time beta refuses to restart the run while
 * alpha's leases last, then takes it over and completes it. What is asserted is what an outsider
 * sees: the API, the project's files as a folder watcher sees them arrive, and the processes /proc
 * shows (not the times the servers recorded).
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "needs a database both servers share")
@ExtendWith(RequiredServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoServersIT {

    /**
     * Short for a test, long enough for a loaded build machine: with 8 s, a server whose renewal
     * stalled past 4 s on a machine at load 12 fenced itself (the scenario then is another one).
     */
    static final int LEASE_SECONDS = 16;
    /** The earliest a peer may take over after a server stops renewing: its last renewal was at most a quarter lease before. */
    private static final Duration LEASE_LEFT = Duration.ofSeconds(LEASE_SECONDS).multipliedBy(3).dividedBy(4);
    /** What the machine may add to a bound measured from outside: a look at /proc, a process tree killed, a loaded CPU. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final Pattern PLAN_FILE = Pattern.compile("\\.p(\\d{2})$");
    private static final String ALPHA = "two-alpha";
    private static final String BETA = "two-beta";

    private Path root;
    private DatabaseOutageIT.TcpProxy alphaDatabase;
    private ServerCopy alpha;
    private ServerCopy beta;

    @BeforeAll
    void startBothServers() throws Exception {
        root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("two-" + UUID.randomUUID());
        String url = "jdbc:postgresql://127.0.0.1:%d/test?currentSchema=" + System.getProperty("rasfleet.it.pg.schema", "rasfleet_it") + "_two";
        alphaDatabase = DatabaseOutageIT.TcpProxy.open(new InetSocketAddress("127.0.0.1", 5432));
        alpha = ServerCopy.of(ALPHA);
        beta = ServerCopy.of(BETA, alpha);
        // alpha boots first: the demo worker "local" both servers share is its own (its stand-in, its work folder)
        alpha.start(database(url.formatted(alphaDatabase.port())), "-Djboss.node.name=" + ALPHA,
                "-Drasfleet.lease.seconds=" + LEASE_SECONDS, "-Drasfleet.project.roots=" + root);
        beta.start(database(url.formatted(5432)), "-Djboss.node.name=" + BETA, "-Drasfleet.lease.seconds=" + LEASE_SECONDS,
                "-Drasfleet.project.roots=" + root);
    }

    @AfterAll
    void stopBothServers() throws Exception {
        try {
            if (beta != null) {
                beta.stop();
            }
        } finally {
            try {
                if (alpha != null && alpha.alive()) {
                    alpha.kill9();
                }
            } finally {
                if (alphaDatabase != null) {
                    alphaDatabase.close();
                }
            }
        }
    }

    private static Map<String, String> database(String url) {
        return Map.of("RASFLEET_DB_URL", url, "RASFLEET_DB_USER", System.getProperty("rasfleet.it.pg.user", "postgres"),
                "RASFLEET_DB_PASSWORD", System.getProperty("rasfleet.it.pg.password", "postgres"));
    }

    /**
     * Issue 19's two-server case: alpha's database cut while two of its plans compute (plans of
     * two minutes, so that only a fence can end them in time). Alpha can no longer renew its leases
     * and must stop its own stand-ins within half the lease, before beta may take the plans over,
     * which beta refuses while the lease lasts. Beta then restarts the run and computes every plan
     * alpha had not finished; alpha's database comes back while beta computes, and alpha, whose
     * tokens are gone, must neither kill beta's processes nor deliver a result.
     */
    @Test
    @Order(1)
    void aServerCutFromItsDatabaseStopsItsPlansWithinHalfALeaseAndThePeerDeliversEachPlanOnce() throws Exception {
        // every plan long, so that only a fence can end alpha's stand-ins within the bounds below
        Path project = ServerCopy.eightPlans(SampleProjects.muncie(root.resolve("cut")), 120);
        Map<String, Renames> deliveries = new LinkedHashMap<>();
        try (ProcessWatch standIns = ProcessWatch.start(standInOf(alpha))) {
            for (int i = 1; i <= 8; i++) {
                deliveries.put("0" + i, Renames.into(project.resolve("Muncie.p0" + i + ".hdf")));
            }
            RasfleetClient.Answer started = alpha.api.post(RasfleetClient.OPERATOR, "runs", "{\"project\": \"" + project + "\"}");
            assertEquals(202, started.status(), started.body());
            long id = started.json().getJsonNumber("id").longValue();
            Predicate<String> onAlpha = standInOf(alpha).and(line -> line.contains(folderOf(ALPHA, id)));
            Predicate<String> onBeta = standInOf(alpha).and(line -> line.contains(folderOf(BETA, id)));
            JsonObject before = alpha.api.waitForRun(id, run -> RasfleetClient.computingOn(run, "local")
                    && run.getJsonObject("counts").getInt("running") >= 2, Duration.ofMinutes(3));
            List<String> doneBefore = ServerCopy.plans(before, "SUCCEEDED");

            alphaDatabase.cut();
            Instant cut = Instant.now();
            Map<Long, String> computingAtCut = Processes.commandLines(onAlpha);
            assertFalse(computingAtCut.isEmpty(), "alpha's stand-ins compute when its database is cut");
            // what beta will run again is short: the scenario is about who computes, not for how long
            List<Integer> left = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                if (!doneBefore.contains("0" + i)) {
                    left.add(i);
                }
            }
            ServerCopy.setSeconds(project, left, 6);

            RasfleetClient.Answer tooSoon = beta.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
            assertEquals(409, tooSoon.status(), tooSoon.body());
            assertTrue(tooSoon.body().contains("is running on server " + ALPHA), tooSoon.body());

            Await.until("alpha's stand-ins end", Duration.ofSeconds(LEASE_SECONDS).plus(SLACK), Duration.ofMillis(50),
                    () -> Processes.commandLines(onAlpha), Map::isEmpty);
            RasfleetClient.Answer restarted;
            do {
                Thread.sleep(500);
                restarted = beta.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
            } while (restarted.status() == 409 && Duration.between(cut, Instant.now()).toSeconds() < 4L * LEASE_SECONDS);
            Duration takenOver = Duration.between(cut, Instant.now());
            assertEquals(202, restarted.status(), restarted.body());

            Await.until("beta's stand-ins compute", Duration.ofMinutes(1), Duration.ofMillis(50), () -> Processes.commandLines(onBeta),
                    m -> !m.isEmpty());
            alphaDatabase.restore();
            Instant restored = Instant.now();
            JsonObject run = beta.api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(3));
            assertEquals("COMPLETED", run.getString("status"), run.toString());
            // alpha is back on its database: what it would do with its old tokens, it has done by the time it reads the run
            JsonObject seenByAlpha = alpha.api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(1));
            assertEquals("COMPLETED", seenByAlpha.getString("status"), "alpha, back on its database, left beta's end alone: " + seenByAlpha);

            List<ProcessWatch.Seen> seen = standIns.seen();
            List<ProcessWatch.Seen> alphas = seen.stream().filter(s -> onAlpha.test(s.commandLine())).toList();
            List<ProcessWatch.Seen> betas = seen.stream().filter(s -> onBeta.test(s.commandLine())).toList();
            Instant fenced = alphas.stream().filter(s -> computingAtCut.containsKey(s.pid())).map(ProcessWatch.Seen::last)
                    .max(Comparator.naturalOrder()).orElseThrow();
            Instant betaFirst = betas.stream().map(ProcessWatch.Seen::first).min(Comparator.naturalOrder()).orElseThrow();
            System.out.printf("cut: alpha's %d stand-ins ended %d ms after the cut (half the lease: %d ms); beta's restart"
                    + " answered 202 after %d ms, its first stand-in %d ms after the cut; alpha's database back %d ms after the cut%n",
                    computingAtCut.size(), Duration.between(cut, fenced).toMillis(), LEASE_SECONDS * 500L, takenOver.toMillis(),
                    Duration.between(cut, betaFirst).toMillis(), Duration.between(cut, restored).toMillis());

            assertTrue(Duration.between(cut, fenced).compareTo(Duration.ofSeconds(LEASE_SECONDS).dividedBy(2).plus(SLACK)) <= 0,
                    "alpha stopped its stand-ins within half the lease of the cut: the last ended "
                            + Duration.between(cut, fenced).toMillis() + " ms after it; " + alphas);
            assertTrue(alphas.stream().allMatch(s -> s.last().isBefore(betaFirst)),
                    "every alpha stand-in had ended before beta started one: " + alphas + " / " + betas);
            assertTrue(takenOver.compareTo(LEASE_LEFT) >= 0,
                    "beta took over only once alpha's lease ran out (at the earliest three quarters of a lease after the cut,"
                            + " the last renewal being at most a quarter before it): " + takenOver.toMillis() + " ms");
            assertTrue(betas.stream().anyMatch(s -> s.last().isAfter(restored.plusSeconds(1))),
                    "beta's stand-ins computed on once alpha's database was back, where alpha could have killed them: " + betas);

            Map<String, List<ProcessWatch.Seen>> betaByPlan = betas.stream().collect(Collectors.groupingBy(TwoServersIT::planOf));
            for (JsonObject plan : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                String digits = plan.getString("plan");
                assertEquals("SUCCEEDED", plan.getString("state"), plan.toString());
                List<JsonObject> attempts = plan.getJsonArray("attemptHistory").getValuesAs(JsonObject.class);
                assertEquals(1, attempts.stream().filter(a -> "SUCCEEDED".equals(a.getString("outcome"))).count(),
                        "plan " + digits + " ended once: " + plan);
                // alpha's attempts end LOST (beta took them over); any other end means a process was killed or an attempt ran twice
                for (JsonObject attempt : attempts) {
                    if (!"SUCCEEDED".equals(attempt.getString("outcome"))) {
                        assertEquals("LOST", attempt.getString("outcome"), plan.toString());
                        assertTrue(attempt.getString("reason").contains("taken over by server " + BETA), plan.toString());
                    }
                }
                assertEquals(1, deliveries.get(digits).count(), "plan " + digits + "'s result was renamed into the project once");
                if (doneBefore.contains(digits)) {
                    assertEquals(1, attempts.size(), "succeeded before the cut, not launched again: " + plan);
                    assertFalse(betaByPlan.containsKey(digits), "beta did not compute plan " + digits + " again");
                } else {
                    // one stand-in of beta's per plan, run to its end: a stand-in killed under beta would have been tried again
                    assertEquals(1, betaByPlan.getOrDefault(digits, List.of()).size(), "beta computed plan " + digits + " once: " + betas);
                }
            }
        } finally {
            for (Renames renames : deliveries.values()) {
                renames.close();
            }
            alphaDatabase.restore();
        }
    }

    @Test
    @Order(2)
    void aRunOfAKilledServerIsTakenOverByTheOtherOnceItsLeasesExpire() throws Exception {
        Path project = ServerCopy.eightPlans(SampleProjects.muncie(root.resolve("kill")), 40);
        ServerCopy.setSeconds(project, List.of(1, 2), 3);
        awaitReady(alpha);
        try (ProcessWatch standIns = ProcessWatch.start(standInOf(alpha))) {
            RasfleetClient.Answer started = alpha.api.post(RasfleetClient.OPERATOR, "runs", "{\"project\": \"" + project + "\"}");
            assertEquals(202, started.status(), started.body());
            long id = started.json().getJsonNumber("id").longValue();
            JsonObject before = alpha.api.waitForRun(id, run -> run.getJsonObject("counts").getInt("succeeded") >= 2
                    && run.getJsonObject("counts").getInt("running") >= 1, Duration.ofMinutes(3));
            alpha.kill9();
            Instant killed = Instant.now();
            List<String> doneBefore = ServerCopy.plans(before, "SUCCEEDED");
            assertFalse(Processes.commandLines(standInOf(alpha).and(line -> line.contains(folderOf(ALPHA, id)))).isEmpty(),
                    "the dead server's plans run on");
            ServerCopy.setSeconds(project, List.of(3, 4, 5, 6, 7, 8), 3);

            RasfleetClient.Answer tooSoon = beta.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
            assertEquals(409, tooSoon.status(), tooSoon.body());
            assertTrue(tooSoon.body().contains("is running on server " + ALPHA), tooSoon.body());

            RasfleetClient.Answer restarted;
            do {
                Thread.sleep(1000);
                restarted = beta.api.post(RasfleetClient.OPERATOR, "runs/" + id + "/restart", null);
            } while (restarted.status() == 409 && Duration.between(killed, Instant.now()).toSeconds() < 4L * LEASE_SECONDS);
            assertEquals(202, restarted.status(), restarted.body());
            assertTrue(Duration.between(killed, Instant.now()).compareTo(LEASE_LEFT) >= 0, "taken over only once the leases ran out");

            JsonObject run = beta.api.waitForRun(id, r -> "COMPLETED".equals(r.getString("status", null)), Duration.ofMinutes(4));
            assertEquals(8, ServerCopy.plans(run, "SUCCEEDED").size(), run.toString());
            assertEquals(List.of(), alpha.standIns(), "the dead server's processes were ended when their plans were taken over");
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
                    .filter(s -> s.commandLine().contains("/run-" + id + "/"))
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
            assertTrue(run.toString().contains("taken over by server " + BETA), run.toString());
        }
    }

    /**
     * The stand-ins both servers launch: the shared demo worker is alpha's (its launcher, its work
     * folder), so every one mentions alpha's home; which server launched it its folder says.
     */
    private static Predicate<String> standInOf(ServerCopy alpha) {
        String home = alpha.home.toString();
        return line -> line.contains("io.rasfleet.sim.RasSim") && line.contains(home);
    }

    /** What a server leaves on a worker names it and the run: {@code <work>/<server>/run-<id>/<plan>-a<n>/}. */
    private static String folderOf(String server, long runId) {
        return "/" + server + "/run-" + runId + "/";
    }

    /** Alpha's database is back when its readiness says so (the cut scenario leaves it restored, not necessarily reconnected). */
    private static void awaitReady(ServerCopy server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI ready = URI.create("http://127.0.0.1:" + (9990 + server.offset) + "/health/ready");
        Await.until("server ready", Duration.ofMinutes(1), Duration.ofMillis(500),
                () -> http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), status -> status == 200);
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
