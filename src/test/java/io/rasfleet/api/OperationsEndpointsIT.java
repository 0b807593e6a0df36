package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.RequiredServices;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document, the Swagger page and the health checks of the provisioned server. */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class OperationsEndpointsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOpenApiDocumentDescribesEveryEndpointOfEveryResource() throws Exception {
        JsonObject paths = json(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/openapi?format=JSON", 200)).getJsonObject("paths");
        List<String> endpoints = endpoints();
        assertTrue(endpoints.size() >= 14, "found only " + endpoints);
        List<String> undocumented = new ArrayList<>();
        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ", 2);
            JsonObject path = paths.getJsonObject(methodAndPath[1]);
            JsonObject operation = path == null ? null : path.getJsonObject(methodAndPath[0].toLowerCase());
            if (operation == null || !operation.containsKey("summary") || !operation.containsKey("description")
                    || !operation.getJsonObject("responses").keySet().stream().anyMatch(code -> code.startsWith("4"))) {
                undocumented.add(endpoint + " -> " + (path == null ? "missing" : path));
            }
        }
        assertEquals(List.of(), undocumented);
    }

    /** Each request body's schema lists every field its reader accepts (the reader's own list, not a copy). */
    @Test
    void theOpenApiDocumentListsEveryFieldTheRequestReadersAccept() throws Exception {
        JsonObject document = json(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/openapi?format=JSON", 200));
        assertEquals(new java.util.TreeSet<>(RunRequest.FIELDS), new java.util.TreeSet<>(bodyFields(document, "/rasfleet/api/runs")));
        assertEquals(new java.util.TreeSet<>(RestartRequest.FIELDS),
                new java.util.TreeSet<>(bodyFields(document, "/rasfleet/api/runs/{id}/restart")));
        java.util.Set<String> workerFields = new java.util.TreeSet<>(List.of(io.rasfleet.worker.WorkerJson.PASSWORD));
        io.rasfleet.worker.WorkerJson.COMMON.forEach(field -> workerFields.add(field.name()));
        io.rasfleet.worker.Workers.providers().forEach(type -> type.fields().forEach(field -> workerFields.add(field.name())));
        assertEquals(workerFields, new java.util.TreeSet<>(bodyFields(document, "/rasfleet/api/workers")));
        JsonObject coresPerPlan = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Worker")
                .getJsonObject("properties").getJsonObject("cores_per_plan");
        assertEquals(4, coresPerPlan.getInt("default"), "ras-commander's default, as the reader applies it: " + coresPerPlan);
    }

    /** The property names of the JSON body schema of POST {@code path}, following a $ref into the components. */
    private static List<String> bodyFields(JsonObject document, String path) {
        JsonObject schema = document.getJsonObject("paths").getJsonObject(path).getJsonObject("post").getJsonObject("requestBody")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring("#/components/schemas/".length());
            schema = document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }
        return List.copyOf(schema.getJsonObject("properties").keySet());
    }

    @Test
    void theSwaggerPageLoadsSwaggerUiOverTheDocument() throws Exception {
        String page = get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/rasfleet/api-docs/", 200);
        assertTrue(page.contains("data-openapi=\"/openapi\""), page);
        assertTrue(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/rasfleet/api-docs/api-docs.js", 200).contains("SwaggerUIBundle"));
        assertTrue(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/rasfleet/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", 200).length() > 100_000);
    }

    @Test
    void readinessIsUpWithTheDatabaseAndReportsEachWorker() throws Exception {
        JsonObject ready = json(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.management() + "/health/ready", 200));
        assertEquals("UP", ready.getString("status"), ready.toString());
        JsonObject database = check(ready, "rasfleet-database");
        assertEquals("UP", database.getString("status"));
        JsonObject workers = check(ready, "rasfleet-workers");
        assertEquals("UP", workers.getString("status"));
        assertEquals("healthy", workers.getJsonObject("data").getString("local"), workers.toString());
        assertEquals("UP", json(get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.management() + "/health/live", 200)).getString("status"));
    }

    @Test
    void prometheusScrapeShowsTheFleetsMetersAfterARun() throws Exception {
        RasfleetClient api = new RasfleetClient();
        java.nio.file.Path project = RasfleetServerIT.project(1);
        RasfleetClient.Answer started = api.post(RasfleetClient.OPERATOR, "runs",
                "{\"project\": \"" + project + "\", \"plans\": [\"01\"]}");
        assertEquals(202, started.status(), started.body());
        JsonObject run = api.waitForRun(started.json().getJsonNumber("id").longValue(), RasfleetClient::ended, java.time.Duration.ofMinutes(2));
        assertEquals("SUCCEEDED", RasfleetClient.plan(run, "01").getString("state"), run.toString());

        String management = get("http://127.0.0.1:" + io.rasfleet.testing.ItPorts.management() + "/metrics", 200);
        // what Prometheus 3 sends; it refuses an answer without a Content-Type it knows
        RasfleetClient.Answer ours = api.get(RasfleetClient.VIEWER, "metrics", Map.of("Accept",
                "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"));
        assertEquals(200, ours.status(), ours.body());
        String type = ours.response().headers().firstValue("Content-Type").orElse("none").replace(" ", "");
        assertTrue(type.startsWith("text/plain;") && type.contains("version=0.0.4"), "Content-Type: " + type);
        for (String scrape : List.of(management, ours.body())) {
            scraped(scrape);
        }
    }

    /** The fleet's meters after a run of one plan on the local worker, in one scrape. */
    private static void scraped(String scrape) {
        for (String meter : List.of("rasfleet_attempts_total{outcome=\"SUCCEEDED\",worker=\"local\"}",
                "rasfleet_plans_ended_total{state=\"SUCCEEDED\",worker=\"local\"}",
                "rasfleet_plans{state=\"RUNNING\",worker=\"local\"}",
                "rasfleet_attempt_duration_seconds_count{outcome=\"SUCCEEDED\",worker=\"local\"}",
                "rasfleet_slots_busy{worker=\"local\"}", "rasfleet_slots_capacity{worker=\"local\"}",
                "rasfleet_plans_waiting", "rasfleet_staged_bytes_total{worker=\"local\"}")) {
            assertTrue(value(scrape, meter) >= 0, meter);
        }
        assertTrue(value(scrape, "rasfleet_attempts_total{outcome=\"SUCCEEDED\",worker=\"local\"}") >= 1, scrape);
        assertTrue(value(scrape, "rasfleet_slots_capacity{worker=\"local\"}") >= 1);
        assertTrue(value(scrape, "rasfleet_staged_bytes_total{worker=\"local\"}") > 1000);
        assertTrue(value(scrape, "rasfleet_attempt_duration_seconds_sum{outcome=\"SUCCEEDED\",worker=\"local\"}") > 0);
    }

    /** The value of the sample whose name and labels start with {@code meter}; fails when there is none. */
    private static double value(String scrape, String meter) {
        String open = meter.endsWith("}") ? meter.substring(0, meter.length() - 1) : meter;
        // WildFly labels each meter of the deployment with WF_DEPLOYMENT, first among the labels
        return scrape.lines().map(l -> l.replace("{WF_DEPLOYMENT=\"rasfleet.war\",", "{").replace("{WF_DEPLOYMENT=\"rasfleet.war\"}", ""))
                .filter(l -> l.startsWith(open) && (l.charAt(open.length()) == ' ' || l.charAt(open.length()) == ',' || l.charAt(open.length()) == '}'))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + meter + " in the scrape:\n" + scrape));
    }

    /** "GET /rasfleet/api/runs/{id}" for each resource method, from the JAX-RS annotations of the classes in this package. */
    static List<String> endpoints() throws IOException, ClassNotFoundException {
        List<String> endpoints = new ArrayList<>();
        java.nio.file.Path folder = java.nio.file.Path.of("target/classes/io/rasfleet/api");
        try (Stream<java.nio.file.Path> files = Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                Class<?> type = Class.forName("io.rasfleet.api." + file.getFileName().toString().replace(".class", ""));
                Path root = type.getAnnotation(Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (Annotation annotation : method.getAnnotations()) {
                        HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
                        if (verb != null) {
                            Path sub = method.getAnnotation(Path.class);
                            String path = "/rasfleet/api/" + root.value() + (sub == null ? "" : "/" + sub.value());
                            endpoints.add(verb.value() + " " + path.replaceAll("/+", "/").replaceAll("/$", ""));
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private String get(String url, int status) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), url + ": " + answer.body());
        return answer.body();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
