package io.rasfleet.api;

import jakarta.json.Json;
import io.rasfleet.testing.Await;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Base64;
import java.util.function.Predicate;

/** The REST API over HTTP as the ITs' users see it (users from src/test/server). */
final class RasfleetClient {

    static final String BASE = "http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/rasfleet/api/";
    static final String VIEWER = "viewer:viewer-pass-1";
    static final String OPERATOR = "operator:operator-pass-1";
    static final String ADMIN = "admin:admin-pass-1";
    /** A user of the realm with no role at all. */
    static final String NOBODY = "nobody:nobody-pass-1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    RasfleetClient() {
        this(BASE);
    }

    /** A client of a server elsewhere, such as one on a port offset: {@code base} ends in {@code /api/}. */
    RasfleetClient(String base) {
        this.base = base;
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        String error() {
            return json().getString("error");
        }
    }

    Answer get(String user, String path) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A GET with request headers of the caller's (If-None-Match, ...). */
    Answer get(String user, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return send(user, request);
    }

    Answer post(String user, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(user, request);
    }

    Answer put(String user, String path, String json) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, for tables of calls. */
    Answer call(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(user, request);
    }

    Answer delete(String user, String path) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(String user, HttpRequest.Builder request) throws Exception {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** Polls a run until {@code done} holds for it, or fails after {@code limit}. */
    JsonObject waitForRun(long id, Predicate<JsonObject> done, Duration limit) throws Exception {
        return Await.until("run " + id + " getting there", limit, Duration.ofMillis(500), () -> get(VIEWER, "runs/" + id).json(), done);
    }

    /** True when a plan of {@code run} is RUNNING on {@code worker} and has reported progress: HEC-RAS computes there. */
    static boolean computingOn(JsonObject run, String worker) {
        return run.getJsonArray("plans").getValuesAs(JsonObject.class).stream().anyMatch(p -> "RUNNING".equals(p.getString("state"))
                && worker.equals(p.getString("worker", null)) && p.get("progress") instanceof JsonNumber progress
                && progress.doubleValue() > 0);
    }

    static boolean ended(JsonObject run) {
        JsonValue status = run.get("status");
        return status.getValueType() == JsonValue.ValueType.STRING
                && !java.util.List.of("STARTING", "STARTED", "STOPPING").contains(run.getString("status"));
    }

    static JsonObject plan(JsonObject run, String plan) {
        return run.getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("plan").equals(plan)).findFirst()
                .orElseThrow(() -> new AssertionError("no plan " + plan + " in " + run));
    }
}
