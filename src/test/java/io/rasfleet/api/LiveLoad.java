package io.rasfleet.api;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load measurement, not a test: the API's latency (GET /runs/{id} and GET /runs) during a run of
 * many plans, first with no live page open, then with {@code streams} event streams open as that
 * many pages would hold. Prints p50 / p99 of each phase. Needs a running server (the IT server,
 * {@code target/it-server}, started by hand) whose allowed project root is {@code root}.
 *
 * <pre>mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.rasfleet.api.LiveLoad ROOT [plans] [streams]</pre>
 */
public final class LiveLoad {

    private static final String BASE = RasfleetClient.BASE;
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(RasfleetClient.OPERATOR.getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int plans = args.length > 1 ? Integer.parseInt(args[1]) : 99;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path project = manyPlans(root.resolve(UUID.randomUUID().toString()), plans);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> started = http.send(request("runs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"project\": \"" + project + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("start refused: " + started.statusCode() + " " + started.body());
        }
        long id = Json.createReader(new java.io.StringReader(started.body())).readObject().getJsonNumber("id").longValue();
        System.out.printf("run %d of %d plans started%n", id, plans);
        Thread.sleep(3000);
        print("no event stream open", measure(http, id));

        AtomicLong events = new AtomicLong();
        List<CompletableFuture<?>> open = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            open.add(http.sendAsync(request("runs/" + id + "/events").header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body()
                    .filter(line -> line.startsWith("event:")).forEach(line -> events.incrementAndGet())));
        }
        Thread.sleep(3000);
        print(streams + " event streams open", measure(http, id));
        System.out.printf("events received by the %d streams: %d%n", streams, events.get());
        JsonObject run = Json.createReader(new java.io.StringReader(http.send(request("runs/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body())).readObject();
        System.out.printf("run %d now: %s %s%n", id, run.getString("status"), run.getJsonObject("counts"));
        http.send(request("runs/" + id + "/stop").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        open.forEach(f -> f.cancel(true));
        System.exit(0);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", AUTH).timeout(Duration.ofSeconds(30));
    }

    /** 4 clients, 150 calls each, alternating the run and the run list; milliseconds per call. */
    private static List<Double> measure(HttpClient http, long id) throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    HttpRequest call = request(i % 2 == 0 ? "runs/" + id : "runs").GET().build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(call, HttpResponse.BodyHandlers.ofString());
                    millis.add((System.nanoTime() - t0) / 1e6);
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        clients.shutdown();
        return millis;
    }

    private static void print(String phase, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-24s calls %d  p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", phase, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }

    /** The sample project with {@code count} plans: copies of its plans that succeed (01, 02, 03, 05), one second each. */
    static Path manyPlans(Path parent, int count) throws Exception {
        Path folder = SampleProjects.muncie(parent);
        String[] models = {"01", "02", "03", "05"};
        StringBuilder prj = new StringBuilder();
        for (String line : Files.readAllLines(folder.resolve("Muncie.prj"))) {
            if (!line.startsWith("Plan File=")) {
                prj.append(line).append("\r\n");
            }
        }
        for (int i = 1; i <= count; i++) {
            String digits = String.format("%02d", i);
            Path plan = folder.resolve("Muncie.p" + digits);
            if (!digits.equals(models[(i - 1) % models.length]) || !Files.exists(plan)) {
                Files.copy(folder.resolve("Muncie.p" + models[(i - 1) % models.length]), plan,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            KeyedTextFile text = KeyedTextFile.read(plan);
            text.setAll("Plan Title", "Load plan " + digits, null);
            text.setAll("Short Identifier", "load" + digits, null);
            text.setAll("RASSIM Seconds", "1", null);
            text.save();
            prj.append("Plan File=p").append(digits).append("\r\n");
        }
        Files.writeString(folder.resolve("Muncie.prj"), prj.toString());
        return folder;
    }
}
