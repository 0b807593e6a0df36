package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Processes;
import io.rasfleet.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own Dockerfile, built the way CI can (its base image made here and passed as
 * {@code BASE_IMAGE}, nothing pulled), run, and asked over its API.
 */
class ServerImageIT {

    static final String TAG = "rasfleet:it";
    static final String CONTAINER = "rasfleet-server-image-it";
    static final int OFFSET = io.rasfleet.testing.ItPorts.offset() + 500;

    @TempDir
    Path tmp;

    @Test
    void theImageBuiltFromTheDockerfileServesTheApi() throws Exception {
        String base = TestImages.serverBase(tmp);
        Processes.check(Processes.run(List.of("docker", "build", "-q", "--build-arg", "BASE_IMAGE=" + base, "-t", TAG, ".")),
                "docker build");
        Processes.run(List.of("docker", "rm", "-f", "-v", CONTAINER));
        Processes.check(Processes.run(List.of("docker", "run", "-d", "--name", CONTAINER, "--network", "host", TAG,
                "-Djboss.socket.binding.port-offset=" + OFFSET)), "docker run");
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI workers = URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/rasfleet/api/workers");
            int status = waitForAnswer(http, workers, Duration.ofMinutes(2));
            assertEquals(401, status, "the API answers and wants a user: " + logs());
            Processes.check(Processes.run(List.of("docker", "exec", CONTAINER, "/opt/rasfleet/server/bin/add-user.sh", "-a",
                    "-u", "imageit", "-p", "imageit-pass-1", "-g", "viewer")), "add-user");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(workers).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("imageit:imageit-pass-1".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"name\":\"local\""), "the demo worker is there: " + answer.body());
        } finally {
            Processes.run(List.of("docker", "rm", "-f", "-v", CONTAINER));
        }
    }

    private static int waitForAnswer(HttpClient http, URI uri, Duration limit) throws Exception {
        Instant until = Instant.now().plus(limit);
        while (true) {
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 404 && status != 503) {
                    return status;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("the container did not answer on " + uri + " within " + limit + ":\n" + logs());
            }
            Thread.sleep(500);
        }
    }

    private static String logs() throws Exception {
        String all = Processes.run(List.of("docker", "logs", CONTAINER)).output();
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }
}
