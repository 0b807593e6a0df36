package io.rasfleet.api;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load measurement, not a test: the API's latency (GET /runs/{id} and GET /runs) while
 * {@code plans} plans run, first with no live page open, then with {@code streams} event streams
 * open as that many pages would hold them, then with none again. Prints p50 / p99 of each call in
 * each phase. Needs a running server on 127.0.0.1:8080 (the packaged {@code target/server} or the
 * IT server) with the user {@code operator} / {@code operator-pass-1} (roles viewer, operator) and
 * {@code root} among its allowed project roots:
 *
 * <pre>target/server/bin/add-user.sh -a -u operator -p operator-pass-1 -g viewer,operator
 * RASFLEET_PROJECT_ROOTS=ROOT target/server/bin/standalone.sh
 * mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.rasfleet.api.LiveLoad ROOT [plans] [streams]</pre>
 *
 * HEC-RAS numbers a project's plans p01 to p99, so more than 99 plans are several projects of
 * (nearly) equal size, each one run; the streams and the GET /runs/{id} calls take the runs in turn.
 */
public final class LiveLoad {

    static final int MAX_PLANS_PER_PROJECT = 99;
    private static final int CLIENTS = 4;
    private static final int CALLS_PER_CLIENT = 250;
    private static final String BASE = RasfleetClient.BASE;
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(RasfleetClient.OPERATOR.getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int plans = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        // a browser speaks HTTP/1.1 to a plain http:// server (no h2c), one connection per open page;
        // the JDK's default would upgrade to HTTP/2 and multiplex every stream over one connection
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Long> runs = new ArrayList<>();
        for (int size : projectSizes(plans)) {
            Path project = manyPlans(root.resolve(UUID.randomUUID().toString()), size);
            HttpResponse<String> started = http.send(request("runs").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"project\": \"" + project + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("start refused: " + started.statusCode() + " " + started.body());
            }
            runs.add(json(started.body()).getJsonNumber("id").longValue());
        }
        System.out.printf("runs %s started: %d plans%n", runs, plans);
        // staging and the first launches are a burst of their own; measure the runs while they compute
        for (long id : runs) {
            awaitRunning(http, id);
        }
        measure(http, runs); // warm-up: the server's first calls pay for class loading and JIT
        Phase before = measure(http, runs);
        before.print("no event stream open");

        Streams open = Streams.open(streams, runs);
        open.awaitFirstEvents(Duration.ofSeconds(60));
        Phase with = measure(http, runs);
        with.print(streams + " event streams open");
        long events = open.events();
        open.close();
        System.out.printf("events received by the %d streams while open: %d%n", streams, events);

        Thread.sleep(2000);
        Phase after = measure(http, runs);
        after.print("streams closed again");

        for (long id : runs) {
            JsonObject run = json(http.send(request("runs/" + id).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf("run %d now: %s %s%n", id, run.getString("status"), run.getJsonObject("counts"));
            if (!"STARTED".equals(run.getString("status"))) {
                System.out.println("  it did not run throughout the measurement: give it more plans");
            }
            http.send(request("runs/" + id + "/stop").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        System.exit(0);
    }

    /** {@code plans} split into as few projects as HEC-RAS's plan numbers allow, of sizes differing by at most one. */
    static List<Integer> projectSizes(int plans) {
        if (plans < 1) {
            throw new IllegalArgumentException("plans must be at least 1, not " + plans);
        }
        int projects = (plans + MAX_PLANS_PER_PROJECT - 1) / MAX_PLANS_PER_PROJECT;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            sizes.add(plans / projects + (i < plans % projects ? 1 : 0));
        }
        return sizes;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", AUTH).timeout(Duration.ofSeconds(30));
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static void awaitRunning(HttpClient http, long id) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(until)) {
            JsonObject run = json(http.send(request("runs/" + id).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            if (run.getJsonObject("counts") != null && run.getJsonObject("counts").getInt("running") > 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("run " + id + " had no plan running after 3 minutes");
    }

    /** The milliseconds of each call of one phase, per endpoint. */
    private record Phase(List<Double> run, List<Double> list) {

        void print(String phase) {
            System.out.printf("%-24s %s%n%-24s %s%n", phase, figures("GET /runs/{id}", run), "", figures("GET /runs", list));
        }

        private static String figures(String call, List<Double> millis) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return String.format("%-15s calls %d  p50 %.1f ms  p99 %.1f ms  max %.1f ms", call, sorted.size(),
                    sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                    sorted.get(sorted.size() - 1));
        }
    }

    /** {@link #CLIENTS} clients one after the other's answer, alternating a run (the runs in turn) and the run list. */
    private static Phase measure(HttpClient http, List<Long> runs) throws Exception {
        List<Double> run = Collections.synchronizedList(new ArrayList<>());
        List<Double> list = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < CALLS_PER_CLIENT; i++) {
                    boolean oneRun = i % 2 == 0;
                    HttpRequest call = request(oneRun ? "runs/" + runs.get((i / 2) % runs.size()) : "runs").GET().build();
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(call, HttpResponse.BodyHandlers.ofString());
                    (oneRun ? run : list).add((System.nanoTime() - t0) / 1e6);
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(call.uri() + ": " + answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return new Phase(run, list);
    }

    /** Open event streams, each on its own connection as a page's, read by a thread each. */
    private static final class Streams implements AutoCloseable {

        private final List<InputStream> bodies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong events = new AtomicLong();
        private final AtomicInteger withFirstEvent = new AtomicInteger();
        private final int count;

        private Streams(int count) {
            this.count = count;
        }

        static Streams open(int count, List<Long> runs) throws Exception {
            Streams streams = new Streams(count);
            for (int i = 0; i < count; i++) {
                // a client each: the JDK's HTTP/1.1 pool would otherwise queue them behind its connection limit
                HttpClient page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "runs/" + runs.get(i % runs.size()) + "/events"))
                        .header("Authorization", AUTH).header("Accept", "text/event-stream").GET().build();
                HttpResponse<InputStream> response = page.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("stream " + i + " refused: " + response.statusCode());
                }
                streams.bodies.add(response.body());
                Thread reader = new Thread(() -> streams.read(response.body()), "page-" + i);
                reader.setDaemon(true);
                reader.start();
            }
            return streams;
        }

        private void read(InputStream body) {
            boolean first = true;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        events.incrementAndGet();
                        if (first) {
                            withFirstEvent.incrementAndGet();
                            first = false;
                        }
                    }
                }
            } catch (IOException e) {
                // closed by close(), or the server went away: either way this page is gone
            }
        }

        /** A stream that never got its first event is not an open page: the figure would lie. */
        void awaitFirstEvents(Duration limit) throws InterruptedException {
            Instant until = Instant.now().plus(limit);
            while (withFirstEvent.get() < count) {
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException(withFirstEvent.get() + " of " + count + " streams got their first event in " + limit);
                }
                Thread.sleep(100);
            }
        }

        long events() {
            return events.get();
        }

        @Override
        public void close() throws IOException {
            synchronized (bodies) {
                for (InputStream body : bodies) {
                    body.close();
                }
            }
        }
    }

    /** The sample project with {@code count} plans: copies of its plans that succeed (01, 02, 03, 05), one second each. */
    static Path manyPlans(Path parent, int count) throws Exception {
        if (count > MAX_PLANS_PER_PROJECT) {
            throw new IllegalArgumentException("a HEC-RAS project has at most " + MAX_PLANS_PER_PROJECT + " plans, not " + count);
        }
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
