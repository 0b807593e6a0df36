package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input of every kind, each answered with a clear 4xx naming what was wrong, and nothing
 * changed on disk: the project folder is listed (names, sizes, times) before and after each call.
 */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class BadInputIT {

    interface Setup {
        void apply(Path project) throws IOException;
    }

    /**
     * {@code body} may say {@code $P} for the project folder's path. The error must name
     * {@code field} (the field at fault, or "request body" when the body is not an object) and say
     * {@code says}.
     */
    record Case(String name, Setup setup, String path, String body, int status, String field, String says) {
    }

    private static final Setup NONE = p -> { };

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("malformed JSON", NONE, "runs", "{\"project\": ", 400, "request body", "not the JSON expected"));
        cases.add(new Case("not JSON at all", NONE, "runs", "project=/x", 400, "request body", "not the JSON expected"));
        cases.add(new Case("a JSON array", NONE, "runs", "[]", 400, "request body", "not the JSON expected"));
        cases.add(new Case("project a number", NONE, "runs", "{\"project\": 5}", 400, "project", "must be a string"));
        cases.add(new Case("numCores a word", NONE, "runs", "{\"project\": \"$P\", \"numCores\": \"four\"}", 400, "numCores",
                "must be a whole number from 0 to 256, not the string \"four\""));
        cases.add(new Case("plans a string", NONE, "runs", "{\"project\": \"$P\", \"plans\": \"01\"}", 400, "plans", "must be a list of strings"));
        cases.add(new Case("workers a string", NONE, "runs", "{\"project\": \"$P\", \"workers\": \"local\"}", 400, "workers",
                "must be a list of strings"));
        cases.add(new Case("autoclean a word", NONE, "runs", "{\"project\": \"$P\", \"autoclean\": \"yes\"}", 400, "autoclean",
                "must be true or false"));
        cases.add(new Case("skipCurrent a word", NONE, "runs", "{\"project\": \"$P\", \"skipCurrent\": \"yes\"}", 400, "skipCurrent",
                "must be true or false"));
        cases.add(new Case("force a number", NONE, "runs", "{\"project\": \"$P\", \"force\": 1}", 400, "force",
                "must be true or false"));
        cases.add(new Case("a misspelled field", NONE, "runs", "{\"project\": \"$P\", \"timeout_minutes\": 5}", 400, "timeout_minutes",
                "known fields: project, plans, workers, numCores, clearGeompre, forceGeompre, copyGeometryOutputs, autoclean, maxAttempts, timeoutMinutes, skipCurrent, force, maxConcurrent, priority"));
        cases.add(new Case("numCores past the int range", NONE, "runs", "{\"project\": \"$P\", \"numCores\": 4294967297}", 400,
                "numCores", "must be from 0 to 256, not 4294967297"));
        cases.add(new Case("numCores in exponent notation", NONE, "runs", "{\"project\": \"$P\", \"numCores\": 1e9}", 400,
                "numCores", "must be from 0 to 256"));
        cases.add(new Case("numCores with a fraction", NONE, "runs", "{\"project\": \"$P\", \"numCores\": 2.5}", 400,
                "numCores", "must be a whole number"));
        cases.add(new Case("a field given twice", NONE, "runs", "{\"project\": \"$P\", \"numCores\": 2, \"numCores\": 300}", 400,
                "numCores", "not the JSON expected"));
        cases.add(new Case("an empty body", NONE, "runs", "", 400, "project", "a JSON body is required"));
        cases.add(new Case("a field in a restart", NONE, "runs/999999/restart", "{\"plans\": [\"04\"]}", 400, "plans",
                "known fields: maxAttempts"));
        cases.add(new Case("no attempts in a restart", NONE, "runs/999999/restart", "{\"maxAttempts\": 0}", 400, "maxAttempts",
                "maxAttempts"));
        cases.add(new Case("a field in a stop", NONE, "runs/999999/stop", "{\"now\": true}", 400, "now", "it takes no fields"));
        cases.add(new Case("no project", NONE, "runs", "{}", 400, "project", "project is required"));
        cases.add(new Case("blank project", NONE, "runs", "{\"project\": \"  \"}", 400, "project", "project is required"));
        cases.add(new Case("relative project", NONE, "runs", "{\"project\": \"Muncie\"}", 400, "project", "must be an absolute path"));
        cases.add(new Case("missing project", NONE, "runs", "{\"project\": \"$P/nothing\"}", 400, "project", "does not exist"));
        cases.add(new Case("outside the roots", NONE, "runs", "{\"project\": \"/etc\"}", 400, "project", "outside the allowed project roots"));
        cases.add(new Case("dot-dot", NONE, "runs", "{\"project\": \"$P/../Muncie\"}", 400, "project", "contains '..'"));
        cases.add(new Case("symlink out of the root", p -> Files.createSymbolicLink(p.resolve("escape"), Path.of("/tmp")),
                "runs", "{\"project\": \"$P/escape\"}", 400, "project", "outside the allowed project roots"));
        cases.add(new Case("plan id malformed", NONE, "runs", "{\"project\": \"$P\", \"plans\": [\"p1x\"]}", 400, "plans", "'p1x' is not a plan id"));
        cases.add(new Case("plan 0", NONE, "runs", "{\"project\": \"$P\", \"plans\": [\"0\"]}", 400, "plans", "'0' is not a plan id"));
        cases.add(new Case("plan 100", NONE, "runs", "{\"project\": \"$P\", \"plans\": [\"100\"]}", 400, "plans", "'100' is not a plan id"));
        cases.add(new Case("plan not in project", NONE, "runs", "{\"project\": \"$P\", \"plans\": [\"9\"]}", 400, "plans", "has no plan 09"));
        cases.add(new Case("empty plan list", NONE, "runs", "{\"project\": \"$P\", \"plans\": []}", 400, "plans", "plans is empty"));
        cases.add(new Case("unknown worker", NONE, "runs", "{\"project\": \"$P\", \"workers\": [\"ghost\"]}", 400, "workers", "no worker named 'ghost'"));
        cases.add(new Case("empty worker list", NONE, "runs", "{\"project\": \"$P\", \"workers\": []}", 400, "workers", "workers is empty"));
        cases.add(new Case("more cores than any worker has", NONE, "runs", "{\"project\": \"$P\", \"numCores\": 256}", 400,
                "numCores", "numCores 256 fits no worker of the run: the largest that fits is "));
        cases.add(new Case("negative cores", NONE, "runs", "{\"project\": \"$P\", \"numCores\": -1}", 400, "numCores", "numCores must be from 0"));
        cases.add(new Case("zero attempts", NONE, "runs", "{\"project\": \"$P\", \"maxAttempts\": 0}", 400, "maxAttempts", "maxAttempts must be from 1 to 10"));
        cases.add(new Case("endless time-out", NONE, "runs", "{\"project\": \"$P\", \"timeoutMinutes\": 99999999}", 400, "timeoutMinutes", "timeoutMinutes must be"));
        cases.add(new Case("geometry missing", p -> Files.delete(p.resolve("Muncie.g05")), "runs",
                "{\"project\": \"$P\", \"plans\": [\"1\"]}", 400, "plans", "Muncie.g05"));
        cases.add(new Case("project file truncated to its title", p -> Files.writeString(p.resolve("Muncie.prj"), "Proj Title=Muncie"),
                "runs", "{\"project\": \"$P\"}", 400, "project", "lists no plans"));
        cases.add(new Case("project file binary", p -> Files.write(p.resolve("Muncie.prj"), new byte[] {0, 1, 2, (byte) 0xff, 10}),
                "runs", "{\"project\": \"$P\"}", 400, "project", "no HEC-RAS project file"));
        cases.add(new Case("plan file without geometry", p -> Files.writeString(p.resolve("Muncie.p01"), "Plan Title=cut\r\nFlow File=u02\r\n"),
                "runs", "{\"project\": \"$P\", \"plans\": [\"1\"]}", 400, "plans", "names no geometry"));
        cases.add(new Case("plan file binary", p -> Files.write(p.resolve("Muncie.p02"), new byte[] {(byte) 0x89, 'H', 'D', 'F', 0, 0}),
                "runs", "{\"project\": \"$P\", \"plans\": [\"2\"]}", 400, "plans", "names no geometry"));
        cases.add(new Case("plan file missing", p -> Files.delete(p.resolve("Muncie.p03")), "runs",
                "{\"project\": \"$P\", \"plans\": [\"3\"]}", 400, "plans", "Muncie.p03 is missing"));
        cases.add(new Case("two project files", p -> Files.copy(p.resolve("Muncie.prj"), p.resolve("Other.prj")), "runs",
                "{\"project\": \"$P\"}", 400, "project", "several HEC-RAS project files"));
        cases.add(new Case("worker: cores per plan above total", NONE, "workers", worker("\"cores_total\": 2, \"cores_per_plan\": 3"),
                400, "cores_per_plan", "cores_per_plan (3) of worker bad is above its cores_total (2)"));
        cases.add(new Case("worker: no cores", NONE, "workers", worker("\"cores_total\": 0"), 400, "cores_total", "cores_total of worker bad must be at least 1"));
        cases.add(new Case("worker: queue priority 100", NONE, "workers", worker("\"cores_total\": 2, \"queue_priority\": 100"),
                400, "queue_priority", "queue_priority of worker bad must be from 0 to 99"));
        cases.add(new Case("worker: high priority", NONE, "workers", worker("\"cores_total\": 2, \"process_priority\": \"high\""),
                400, "process_priority", "process_priority 'high' is not allowed"));
        cases.add(new Case("worker: unknown type", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"rsh\", \"cores_total\": 2}", 400, "worker_type", "unknown worker_type 'rsh'; known: local"));
        cases.add(new Case("worker: name with shell words", NONE, "workers",
                "{\"name\": \"a;rm -rf\", \"worker_type\": \"local\", \"cores_total\": 2}", 400, "name", "worker name 'a;rm -rf' must be"));
        cases.add(new Case("worker: folder with a newline", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"local\", \"cores_total\": 2, \"worker_folder\": \"/w\\nx\", \"ras_exe_path\": \"/r\"}",
                400, "worker_folder", "worker_folder of worker bad contains a control character"));
        cases.add(new Case("worker: program and version both", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"local\", \"cores_total\": 2, \"worker_folder\": \"/w\", \"ras_exe_path\": \"/r\","
                        + " \"ras_version\": \"6.6\"}", 400, "ras_version", "worker bad names both ras_exe_path and ras_version"));
        cases.add(new Case("worker: a version that is none", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"ssh\", \"cores_total\": 1, \"hostname\": \"h\", \"username\": \"u\","
                        + " \"ssh_key_path\": \"/k\", \"worker_folder\": \"/w\", \"ras_version\": \"latest\"}", 400, "ras_version",
                "'latest' is not a HEC-RAS version"));
        cases.add(new Case("worker: shell words in a host name", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"ssh\", \"cores_total\": 1, \"hostname\": \"h;reboot\", \"username\": \"u\","
                        + " \"ssh_key_path\": \"/k\", \"worker_folder\": \"/w\", \"ras_engine_path\": \"/e\"}", 400,
                "hostname", "hostname 'h;reboot' of worker bad is not a host name"));
        cases.add(new Case("worker: a mapped drive as share", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"psexec\", \"cores_total\": 1, \"hostname\": \"pc\", \"share_path\": \"Z:\\\\Ras\","
                        + " \"session_id\": 1, \"ras_exe_path\": \"C:\\\\Ras.exe\"}", 400, "share_path", "is a mapped drive"));
        cases.add(new Case("worker: the system account", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"psexec\", \"cores_total\": 1, \"hostname\": \"pc\", \"share_path\": \"\\\\\\\\pc\\\\Ras\","
                        + " \"system_account\": true, \"ras_exe_path\": \"C:\\\\Ras.exe\"}", 400, "system_account", "system_account is refused"));
        cases.add(new Case("worker: no desktop session", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"psexec\", \"cores_total\": 1, \"hostname\": \"pc\", \"share_path\": \"\\\\\\\\pc\\\\Ras\","
                        + " \"session_id\": 0, \"ras_exe_path\": \"C:\\\\Ras.exe\"}", 400, "session_id", "session_id of worker bad must be from 1 to 65535, not 0"));
        cases.add(new Case("worker: a password instead of an alias", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"ssh\", \"cores_total\": 1, \"hostname\": \"h\", \"username\": \"u\","
                        + " \"credential_alias\": \"hunter2 is my password\", \"worker_folder\": \"/w\", \"ras_engine_path\": \"/e\"}", 400,
                "credential_alias", "never the password itself"));
        cases.add(new Case("worker: an image that is a command", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"docker\", \"cores_total\": 1, \"docker_image\": \"img; rm -rf /\","
                        + " \"ras_engine_path\": \"/e\"}", 400, "docker_image", "is not an image reference"));
        cases.add(new Case("worker: a misspelt field", NONE, "workers", worker("\"cores_totl\": 2"), 400,
                "cores_totl", "worker bad: unknown field cores_totl; a local worker takes name, worker_type, enabled, cores_total,"));
        cases.add(new Case("worker: a field of another type", NONE, "workers", worker("\"cores_total\": 2, \"preprocess_on_host\": true"),
                400, "preprocess_on_host", "unknown field preprocess_on_host; a local worker takes"));
        cases.add(new Case("worker: cores in words", NONE, "workers", worker("\"cores_total\": \"four\""), 400,
                "cores_total", "cores_total of worker bad must be a whole number, not the string \"four\""));
        cases.add(new Case("worker: cores past what an int holds", NONE, "workers", worker("\"cores_total\": 4294967297"), 400,
                "cores_total", "cores_total of worker bad is out of range: 4294967297"));
        cases.add(new Case("worker: a port of 1e12", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"ssh\", \"cores_total\": 1, \"hostname\": \"h\", \"port\": 1e12,"
                        + " \"username\": \"u\", \"ssh_key_path\": \"/k\", \"worker_folder\": \"/w\", \"ras_engine_path\": \"/e\"}", 400,
                "port", "port of worker bad must be from 1 to 65535, not 1000000000000"));
        cases.add(new Case("worker: a relative folder", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"local\", \"cores_total\": 1, \"worker_folder\": \"work/here\","
                        + " \"ras_exe_path\": \"/bin/true\"}", 400, "worker_folder", "worker_folder 'work/here' of worker bad must be an absolute path"));
        cases.add(new Case("worker: a relative folder on a Linux machine", NONE, "workers",
                "{\"name\": \"bad\", \"worker_type\": \"ssh\", \"cores_total\": 1, \"hostname\": \"h\", \"username\": \"u\","
                        + " \"ssh_key_path\": \"/k\", \"worker_folder\": \"work/here\", \"ras_engine_path\": \"/e\"}", 400,
                "worker_folder", "worker_folder 'work/here' of worker bad must be an absolute path below /"));
        cases.add(new Case("worker: a list for a body", NONE, "workers", "[{\"name\": \"bad\"}]", 400,
                "body", "the request body must be a JSON object describing the worker"));
        return cases;
    }

    private static String worker(String fields) {
        return "{\"name\": \"bad\", \"worker_type\": \"local\", " + fields + ", \"worker_folder\": \"/tmp/w\", \"ras_exe_path\": \"/bin/true\"}";
    }

    private final RasfleetClient api = new RasfleetClient();

    @Test
    void eachBadInputIsAClearClientErrorAndChangesNothing() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString());
            Path project = SampleProjects.muncie(root);
            c.setup().apply(project);
            Map<String, String> before = listing(root);
            String body = c.body().replace("$P", project.toString());
            RasfleetClient.Answer answer = api.post(c.path().equals("workers") ? ADMIN : OPERATOR, c.path(), body);
            String error = answer.status() >= 400 && answer.body().startsWith("{") ? answer.json().getString("error", "") : "";
            if (answer.status() != c.status() || !error.contains(c.field()) || !error.contains(c.says())) {
                wrong.add(c.name() + ": " + answer.status() + " " + answer.body());
            }
            if (!listing(root).equals(before)) {
                wrong.add(c.name() + ": the project folder changed");
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(404, api.get(ADMIN, "workers/bad").status(), "no bad worker was kept");
    }

    @Test
    void unknownRunsWorkersAndPlansAreNotFound() throws Exception {
        assertEquals(404, api.get(OPERATOR, "runs/999999").status());
        assertEquals(404, api.get(OPERATOR, "runs/abc").status());
        assertEquals(404, api.post(OPERATOR, "runs/999999/restart", null).status());
        assertEquals(404, api.get(OPERATOR, "workers/ghost").status());
        assertEquals(404, api.get(OPERATOR, "no/such/resource").status());
        assertEquals("no run 999999", api.get(OPERATOR, "runs/999999").error());
    }

    /** Every file under a folder with its size and modification time. */
    private static Map<String, String> listing(Path folder) throws IOException {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    FileTime time = Files.getLastModifiedTime(f);
                    listing.put(folder.relativize(f).toString(), Files.size(f) + "@" + time.toMillis()
                            + "#" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).hashCode());
                }
            }
        }
        return listing;
    }
}
