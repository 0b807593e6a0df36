package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static io.rasfleet.api.RasfleetClient.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provisioned server, driven over HTTP as a user would: the demo's local worker runs the
 * HEC-RAS stand-in on copies of the sample project (plan 04 set to fail). The build runs it twice:
 * on the embedded H2 database, and on PostgreSQL ({@code rasfleet.it.db=postgresql}).
 */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class RasfleetServerIT {

    private final RasfleetClient api = new RasfleetClient();

    /** The demo worker has a slot per core; two make the tests' timing the same on every machine. */
    @BeforeEach
    void twoSlotsOnTheDemoWorker() throws Exception {
        JsonObject local = api.get(ADMIN, "workers/local").json();
        if (local.getInt("cores_total") != 2 || local.getInt("cores_per_plan") != 1) {
            String body = local.toString().replaceFirst("\"cores_total\":\\d+", "\"cores_total\":2")
                    .replaceFirst("\"cores_per_plan\":\\d+", "\"cores_per_plan\":1");
            assertEquals(200, api.put(ADMIN, "workers/local", body).status());
        }
    }

    /** A fresh copy of the sample project under the server's allowed root; each plan runs {@code seconds}. */
    static Path project(double seconds) {
        Path parent = Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString());
        Path folder = SampleProjects.muncie(parent);
        for (int i = 1; i <= 5; i++) {
            KeyedTextFile plan = KeyedTextFile.read(folder.resolve("Muncie.p0" + i));
            plan.setAll("RASSIM Seconds", Double.toString(seconds), null);
            plan.save();
        }
        return folder;
    }

    private long start(Path project, String extra) throws Exception {
        RasfleetClient.Answer answer = api.post(OPERATOR, "runs",
                "{\"project\": \"" + project + "\"" + (extra == null ? "" : ", " + extra) + "}");
        assertEquals(202, answer.status(), answer.body());
        assertTrue(answer.response().headers().firstValue("Location").orElse("").endsWith("/api/runs/" + answer.json().getInt("id")));
        return answer.json().getJsonNumber("id").longValue();
    }

    @Test
    void runOfTheSampleProjectEndsWithTheRightStatePerPlanResultsHomeAndAReport() throws Exception {
        Path project = project(1);
        long id = start(project, null);
        JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(3));
        assertEquals("FAILED", run.getString("status"), "a plan failed, so the run can be restarted: " + run);
        assertEquals("4 of 5 plans succeeded", run.getString("exitStatus"));
        for (String plan : List.of("01", "02", "03", "05")) {
            JsonObject p = RasfleetClient.plan(run, plan);
            assertEquals("SUCCEEDED", p.getString("state"), p.toString());
            assertEquals("local", p.getString("worker"));
            assertEquals(1, p.getInt("attempts"));
            Path hdf = project.resolve("Muncie.p" + plan + ".hdf");
            assertEquals(hdf.toString(), p.getString("hdfPath"));
            assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(hdf, RunEvidence.none()).state());
        }
        JsonObject failed = RasfleetClient.plan(run, "04");
        assertEquals("FAILED", failed.getString("state"));
        assertEquals("FAILED", failed.getString("verdict"));
        assertTrue(failed.getString("error").contains("Unsteady Went Unstable"), failed.toString());
        assertFalse(Files.exists(project.resolve("Muncie.p04.hdf")), "a failed result is not brought home");
        String report = Files.readString(project.resolve("rasfleet-run-" + id + ".json"));
        assertTrue(report.contains("\"summary\": \"4 of 5 plans succeeded\""), report);
        assertTrue(report.contains("\"solution\": \"Unsteady Finished Successfully\""), report);
        RasfleetClient.Answer messages = api.get(VIEWER, "runs/" + id + "/plans/4/messages");
        assertEquals(200, messages.status());
        assertTrue(messages.body().contains("ERROR: Unsteady flow computations went unstable"), messages.body());
        try (var files = Files.list(project)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("rasfleet-partial")));
        }
        resultsTableHasARowPerPlan(id, project);
    }

    @Test
    void skipCurrentSkipsPlansWithCurrentResultsRunsTheFailedAndTheEditedOnesAndForceRunsAll() throws Exception {
        Path project = project(0.5);
        api.waitForRun(start(project, null), RasfleetClient::ended, Duration.ofMinutes(3));
        Path plan02 = project.resolve("Muncie.p02");
        Files.setLastModifiedTime(plan02, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(2)));

        long id = start(project, "\"skipCurrent\": true");
        JsonObject run = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(3));

        assertEquals("1 of 2 plans succeeded, 3 skipped (results current)", run.getString("exitStatus"), run.toString());
        for (String plan : List.of("01", "03", "05")) {
            JsonObject p = RasfleetClient.plan(run, plan);
            assertEquals("SKIPPED", p.getString("state"), p.toString());
            assertEquals(0, p.getInt("attempts"), "a skipped plan never ran");
            assertTrue(p.getString("note").startsWith("results newer than every input, solution Unsteady Finished"), p.toString());
        }
        assertEquals("SUCCEEDED", RasfleetClient.plan(run, "02").getString("state"), "its plan file changed after its result");
        assertEquals("FAILED", RasfleetClient.plan(run, "04").getString("state"), "a failed result is never current");
        String report = Files.readString(project.resolve("rasfleet-run-" + id + ".json"));
        assertTrue(report.contains("\"SKIPPED\""), report);
        String csv = api.get(VIEWER, "runs/" + id + "/results.csv").body();
        assertTrue(csv.lines().anyMatch(line -> line.startsWith("01,") && line.contains(",SKIPPED,")), csv);

        assertEquals(202, api.post(OPERATOR, "runs/" + id + "/restart", null).status());
        JsonObject restarted = api.waitForRun(id, r -> RasfleetClient.ended(r) && RasfleetClient.plan(r, "04").getInt("attempts") == 2,
                Duration.ofMinutes(3));
        for (String plan : List.of("01", "03", "05")) {
            assertEquals("SKIPPED", RasfleetClient.plan(restarted, plan).getString("state"), "a restart keeps a skipped plan skipped");
        }
        assertEquals(1, RasfleetClient.plan(restarted, "02").getInt("attempts"), "nor runs a succeeded one again");

        JsonObject forced = api.waitForRun(start(project, "\"skipCurrent\": true, \"force\": true"), RasfleetClient::ended,
                Duration.ofMinutes(3));
        assertEquals("4 of 5 plans succeeded", forced.getString("exitStatus"), "force runs every plan: " + forced);
    }

    /** Both forms of the results table; the CSV read back by Python's csv module, as pandas would load it. */
    private void resultsTableHasARowPerPlan(long id, Path project) throws Exception {
        RasfleetClient.Answer csv = api.get(VIEWER, "runs/" + id + "/results.csv");
        assertEquals(200, csv.status(), csv.body());
        assertEquals("text/csv;charset=utf-8", csv.response().headers().firstValue("Content-Type").orElse("")
                .replace(" ", "").toLowerCase(java.util.Locale.ROOT));
        Path file = Files.writeString(project.resolveSibling("results-" + id + ".csv"), csv.body());
        Process python = new ProcessBuilder("python3", "-c", "import csv, json, sys\n"
                + "print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))))", file.toString())
                .redirectErrorStream(true).start();
        String parsed = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), parsed);
        jakarta.json.JsonArray rows = jakarta.json.Json.createReader(new java.io.StringReader(parsed)).readArray();
        assertEquals(5, rows.size(), parsed);
        assertEquals(String.join(",", ResultsTable.COLUMNS), csv.body().lines().findFirst().orElse(""));
        for (int i = 0; i < 5; i++) {
            JsonObject row = rows.getJsonObject(i);
            String plan = "0" + (i + 1);
            assertEquals(plan, row.getString("plan_number"), parsed);
            assertEquals("Unsteady", row.getString("flow_type"), "Flow File=u02");
            assertEquals("6.50", row.getString("ras_version"), "the plan file's Program Version");
            assertEquals("local", row.getString("worker"));
            assertEquals("1", row.getString("attempts"));
            if (plan.equals("04")) {
                assertEquals("FAILED", row.getString("state"));
                // no result came home: the row is read from the messages the attempt kept, where the stand-in's
                // solver failure says "ERROR: Unsteady flow computations went unstable ..."
                assertEquals("", row.getString("hdf_path"), row.toString());
                assertEquals("false", row.getString("hdf_exists"), row.toString());
                assertEquals("true", row.getString("has_errors"), row.toString());
                assertTrue(row.getString("first_error_line").startsWith("ERROR: Unsteady flow computations went unstable"), row.toString());
                continue;
            }
            assertEquals("SUCCEEDED", row.getString("state"));
            assertEquals("true", row.getString("completed"));
            assertEquals("false", row.getString("has_errors"));
            assertEquals("0", row.getString("error_count"));
            assertEquals(project.resolve("Muncie.p" + plan + ".hdf").toString(), row.getString("hdf_path"));
            assertEquals("compute_messages", row.getString("runtime_source"), "the stand-in writes no Compute Processes");
            assertTrue(Double.parseDouble(row.getString("runtime_complete_process_hours")) > 0, row.toString());
            assertTrue(row.getString("vol_error_percent").matches("-?\\d+\\.\\d+"), "a float as its shortest decimal, no exponent: " + row);
            assertEquals("Acre Feet", row.getString("vol_accounting_units"));
        }
        RasfleetClient.Answer json = api.get(VIEWER, "runs/" + id + "/results.json");
        assertEquals(200, json.status(), json.body());
        jakarta.json.JsonArray objects = jakarta.json.Json.createReader(new java.io.StringReader(json.body())).readArray();
        assertEquals(5, objects.size());
        JsonObject first = objects.getJsonObject(0);
        for (String column : ResultsTable.COLUMNS) {
            assertTrue(first.containsKey(column), column + " in " + first);
        }
        assertTrue(first.getBoolean("completed"));
        assertEquals(Double.parseDouble(rows.getJsonObject(0).getString("runtime_complete_process_hours")),
                first.getJsonNumber("runtime_complete_process_hours").doubleValue(), 1e-12, json.body());
        assertEquals(0, first.getJsonArray("unreadable").size(), first.toString());
        JsonObject failed = objects.getJsonObject(3);
        assertTrue(failed.isNull("hdf_path") && failed.getBoolean("has_errors"), failed.toString());
        assertEquals(rows.getJsonObject(0).getString("vol_error_percent"), first.getJsonNumber("vol_error_percent").toString(),
                "JSON numbers are the same shortest decimals");
        assertEquals(404, api.get(VIEWER, "runs/999999/results.csv").status());
        assertEquals(403, api.get(RasfleetClient.NOBODY, "runs/" + id + "/results.json").status());
    }

    @Test
    void stopThenRestartFinishesOnlyTheUnfinishedPlans() throws Exception {
        Path project = project(6);
        long id = start(project, "\"plans\": [\"1\", \"2\", \"3\", \"5\"]");
        api.waitForRun(id, run -> run.getJsonObject("counts").getInt("succeeded") >= 1, Duration.ofMinutes(2));
        assertEquals(202, api.post(OPERATOR, "runs/" + id + "/stop", null).status());
        JsonObject stopped = api.waitForRun(id, RasfleetClient::ended, Duration.ofSeconds(60));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        List<String> done = new ArrayList<>();
        for (JsonObject p : stopped.getJsonArray("plans").getValuesAs(JsonObject.class)) {
            if (p.getString("state").equals("SUCCEEDED")) {
                done.add(p.getString("plan"));
            }
        }
        assertTrue(!done.isEmpty() && done.size() < 4, "some but not all plans finished before the stop: " + stopped);
        // a stopped run never reaches its collect step, and cleans up all the same
        Path workerFolder = Path.of(api.get(VIEWER, "workers/local").json().getString("worker_folder"));
        io.rasfleet.testing.Await.until("the stopped run's folders on the local worker are removed", Duration.ofSeconds(5),
                () -> runFolders(workerFolder, id), List::isEmpty);

        assertEquals(202, api.post(OPERATOR, "runs/" + id + "/restart", null).status());
        JsonObject run = api.waitForRun(id, r -> RasfleetClient.ended(r) && !r.getString("status").equals("STOPPED"),
                Duration.ofMinutes(3));
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        assertEquals("4 of 4 plans succeeded", run.getString("exitStatus"));
        for (JsonObject p : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
            assertEquals("SUCCEEDED", p.getString("state"), p.toString());
            if (done.contains(p.getString("plan"))) {
                assertEquals(1, p.getInt("attempts"), "a plan that had succeeded is not run again: " + p);
            }
        }
    }

    /** The folders a run left under a worker folder, whichever server's they are. */
    private static List<Path> runFolders(Path workerFolder, long runId) {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(workerFolder, 3)) {
            return all.filter(p -> p.getFileName().toString().equals("run-" + runId)).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void restartFromTheWildFlyCliRunsTheFailedPlanAgain() throws Exception {
        Path project = project(1);
        long id = start(project, "\"plans\": [\"01\", \"04\"]");
        JsonObject failed = api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(2));
        assertEquals("FAILED", failed.getString("status"));
        KeyedTextFile plan = KeyedTextFile.read(project.resolve("Muncie.p04"));
        plan.setAll("RASSIM Outcome", "success", null);
        plan.save();
        long execution = failed.getJsonNumber("jobExecutionId").longValue();
        Path cli = Path.of(System.getProperty("rasfleet.it.server"), "bin", "jboss-cli.sh");
        Process process = new ProcessBuilder(cli.toString(), "-c", "--controller=127.0.0.1:" + io.rasfleet.testing.ItPorts.management(),
                "--command=/deployment=rasfleet.war/subsystem=batch-jberet:restart-job(execution-id=" + execution + ")")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("success"), output);
        JsonObject run = api.waitForRun(id, r -> r.getJsonNumber("jobExecutionId").longValue() != execution
                && RasfleetClient.ended(r), Duration.ofMinutes(2));
        assertEquals("COMPLETED", run.getString("status"), run.toString());
        assertEquals(1, RasfleetClient.plan(run, "01").getInt("attempts"), "plan 01 had succeeded: not run again");
        assertEquals(2, RasfleetClient.plan(run, "04").getInt("attempts"));
        assertEquals("SUCCEEDED", RasfleetClient.plan(run, "04").getString("state"));
    }

    @Test
    void twoRunsAtOnceShareTheWorkersSlots() throws Exception {
        JsonObject local = api.get(VIEWER, "workers/local").json();
        int slots = local.getInt("cores_total") / local.getInt("cores_per_plan");
        long first = start(project(2), "\"plans\": [\"1\", \"2\", \"3\", \"5\"]");
        long second = start(project(2), "\"plans\": [\"1\", \"2\", \"3\", \"5\"]");
        JsonObject a = api.waitForRun(first, RasfleetClient::ended, Duration.ofMinutes(3));
        JsonObject b = api.waitForRun(second, RasfleetClient::ended, Duration.ofMinutes(3));
        assertEquals("COMPLETED", a.getString("status"), a.toString());
        assertEquals("COMPLETED", b.getString("status"), b.toString());
        // A plan is RUNNING from just after it took a slot until just before it gives it back:
        // its recorded times never overlap more plans than there are slots.
        List<long[]> events = new ArrayList<>();
        for (JsonObject run : List.of(a, b)) {
            for (JsonObject p : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                events.add(new long[] {java.time.Instant.parse(p.getString("startedAt")).toEpochMilli(), 1});
                events.add(new long[] {java.time.Instant.parse(p.getString("endedAt")).toEpochMilli(), -1});
            }
        }
        events.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int running = 0;
        int most = 0;
        for (long[] event : events) {
            running += (int) event[1];
            most = Math.max(most, running);
        }
        assertTrue(most <= slots, most + " plans ran at once on " + slots + " slots: " + a + b);
        assertTrue(most >= Math.min(2, slots), "the slots were used: at most " + most + " plans ran at once");
    }

    @Test
    void usersNeedARoleForWhatTheyDo() throws Exception {
        assertEquals(401, api.get(null, "runs").status());
        assertEquals(401, api.get("viewer:wrong", "runs").status());
        assertEquals(200, api.get(VIEWER, "runs").status());
        assertEquals(200, api.get(VIEWER, "workers").status());
        assertEquals(403, api.post(VIEWER, "runs", "{\"project\": \"/nowhere\"}").status());
        assertEquals(403, api.post(OPERATOR, "workers", "{\"name\": \"x\"}").status());
        assertEquals(403, api.delete(OPERATOR, "workers/local").status());
        assertEquals(200, api.get(ADMIN, "workers/local").status());
    }

    @Test
    void theRunListComesInPagesNewestFirstAndAnUnchangedRunAnswers304() throws Exception {
        Path project = project(1);
        long older = start(project, "\"plans\": [\"1\"]");
        long newer = start(project, "\"plans\": [\"2\"]");
        api.waitForRun(older, RasfleetClient::ended, Duration.ofMinutes(2));
        api.waitForRun(newer, RasfleetClient::ended, Duration.ofMinutes(2));

        RasfleetClient.Answer first = api.get(VIEWER, "runs?limit=1");
        assertEquals(200, first.status(), first.body());
        assertEquals(List.of(newer), ids(first), "the newest run first");
        long total = Long.parseLong(first.response().headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(total >= 2, "X-Total-Count " + total);
        String next = first.response().headers().firstValue("Link").orElseThrow();
        assertTrue(next.endsWith("/api/runs?limit=1&before=" + newer + ">; rel=\"next\""), next);
        assertEquals(List.of(older), ids(api.get(VIEWER, "runs?limit=1&before=" + newer)));
        assertEquals(400, api.get(VIEWER, "runs?limit=0").status());
        assertEquals(400, api.get(VIEWER, "runs?limit=501").status());
        assertEquals(400, api.get(VIEWER, "runs?before=latest").status());

        RasfleetClient.Answer run = api.get(VIEWER, "runs/" + newer);
        String tag = run.response().headers().firstValue("ETag").orElseThrow();
        RasfleetClient.Answer again = api.get(VIEWER, "runs/" + newer, Map.of("If-None-Match", tag));
        assertEquals(304, again.status(), again.body());
        assertEquals("", again.body());
        assertEquals(tag, again.response().headers().firstValue("ETag").orElseThrow());
        assertEquals(200, api.get(VIEWER, "runs/" + newer, Map.of("If-None-Match", "\"other\"")).status());
    }

    private static List<Long> ids(RasfleetClient.Answer page) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(page.body()))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream().map(r -> r.getJsonNumber("id").longValue()).toList();
        }
    }

    @Test
    void aSecondRunOfPlansStillRunningIsAConflict() throws Exception {
        Path project = project(5);
        long id = start(project, "\"plans\": [\"1\"]");
        RasfleetClient.Answer again = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"01\", \"2\"]}");
        assertEquals(409, again.status(), again.body());
        assertTrue(again.error().contains("run " + id + " is still writing the results of plans 01"), again.body());
        assertEquals(202, api.post(OPERATOR, "runs/" + id + "/stop", null).status());
        assertEquals("STOPPED", api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(2)).getString("status"));

        // the stopped run's plans are free for a new run; its restart then checks them as a new run does
        long second = start(project, "\"plans\": [\"01\", \"2\"]");
        RasfleetClient.Answer restart = api.post(OPERATOR, "runs/" + id + "/restart", null);
        assertEquals(409, restart.status(), restart.body());
        assertTrue(restart.error().contains("run " + second + " is still writing the results of plans 01"), restart.body());
        api.waitForRun(second, RasfleetClient::ended, Duration.ofMinutes(2));
    }

    @Test
    void workersAreManagedWithRasCommanderFieldNames() throws Exception {
        String body = "{\"name\": \"spare\", \"worker_type\": \"local\", \"enabled\": false, \"cores_total\": 4, \"cores_per_plan\": 2,"
                + " \"queue_priority\": 5, \"process_priority\": \"below normal\", \"worker_folder\": \"/tmp/rasfleet-spare\","
                + " \"ras_exe_path\": \"/nonexistent/Ras.exe\"}";
        assertEquals(201, api.post(ADMIN, "workers", body).status());
        assertEquals(409, api.post(ADMIN, "workers", body).status());
        JsonObject spare = api.get(VIEWER, "workers/spare").json();
        assertEquals(5, spare.getInt("queue_priority"));
        assertEquals("below normal", spare.getString("process_priority"));
        JsonObject check = api.post(ADMIN, "workers/spare/check", null).json();
        assertFalse(check.getBoolean("ok"));
        assertTrue(check.toString().contains("/nonexistent/Ras.exe does not exist"), check.toString());
        assertTrue(spare.getBoolean("healthy"), spare.toString());
        assertFalse(spare.getBoolean("preprocess_only"), spare.toString());
        assertFalse(spare.containsKey("preprocess_on_host"), "a local worker has no Linux engine settings: " + spare);
        assertEquals(200, api.put(ADMIN, "workers/spare", body.replace("\"queue_priority\": 5", "\"queue_priority\": 6")).status());
        assertEquals(6, api.get(VIEWER, "workers/spare").json().getInt("queue_priority"));
        RasfleetClient.Answer relative = api.put(ADMIN, "workers/spare", body.replace("/tmp/rasfleet-spare", "work/here"));
        assertEquals(400, relative.status(), relative.body());
        assertEquals("worker_folder 'work/here' of worker spare must be an absolute path on the app server", relative.error());
        RasfleetClient.Answer misspelt = api.put(ADMIN, "workers/spare", body.replace("cores_total", "cores_totl"));
        assertEquals(400, misspelt.status(), misspelt.body());
        assertTrue(misspelt.error().startsWith("worker spare: unknown field cores_totl; a local worker takes name, worker_type,"),
                misspelt.body());
        String asAnswered = api.get(VIEWER, "workers/spare").body();
        assertEquals(200, api.put(ADMIN, "workers/spare", asAnswered).status(), "an answer can be put back as it came");
        assertEquals(204, api.delete(ADMIN, "workers/spare").status());
        assertEquals(404, api.get(VIEWER, "workers/spare").status());
    }
}
