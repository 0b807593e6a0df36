package io.rasfleet.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A size measurement of the console, not a test: the page in Debian's headless Chromium against an
 * API of a real study's size, served here from the same shapes the server answers (a run of 99 plans
 * with 3 attempts each, 5,000 runs in the list, 20 workers of 16 slots). Prints the time from
 * navigation to the rendered run page, the time each live update takes to apply (the page's own
 * {@code rasfleet update} User Timing entry) and the browser's JavaScript heap and DOM node count
 * after garbage collection while live updates arrive; writes a 1280x800 screenshot of each view.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.rasfleet.api.ConsoleLoad \
 *     src/main/webapp docs 10 6</pre>
 * (web folder, screenshot folder, minutes of live updates, updates per second).
 */
public final class ConsoleLoad {

    private static final int PLANS = 99;
    private static final int RUNS = 5000;
    private static final int WORKERS = 20;
    private static final int SLOTS = 16;
    private static final int SECTIONS = 61;

    private final Random random = new Random(22);
    private final Instant start = Instant.now().minusSeconds(5 * 3600);
    private final String[] states = new String[PLANS];
    private final double[] progress = new double[PLANS];
    private final List<List<JsonObject>> attempts = new ArrayList<>();
    private final AtomicLong eventId = new AtomicLong();
    private volatile JsonObject run;

    private ConsoleLoad() {
        // six hours of 99 plans on 40 slots: each plan's third attempt the one that counts
        long[] laneFree = new long[40];
        for (int p = 0; p < PLANS; p++) {
            List<JsonObject> list = new ArrayList<>();
            // a plan's next attempt starts once its previous one ended, never beside it
            long retryAfter = 0;
            for (int a = 1; a <= 3; a++) {
                int lane = 0;
                for (int l = 1; l < laneFree.length; l++) {
                    lane = laneFree[l] < laneFree[lane] ? l : lane;
                }
                long from = Math.max(laneFree[lane], retryAfter);
                long seconds = a < 3 ? 60 + random.nextInt(240) : 120 + random.nextInt(p % 7 == 0 ? 120 : 12000);
                boolean last = a == 3;
                boolean running = last && from + seconds > 5 * 3600;
                String outcome = !last ? (a == 1 ? "MACHINE_FAILED" : "WORKER_LOST") : running ? null : p % 11 == 4 ? "MODEL_FAILED" : "SUCCEEDED";
                if (from > 5 * 3600) {
                    break;
                }
                laneFree[lane] = from + seconds;
                retryAfter = from + seconds;
                list.add(attempt(a, "node-" + two(lane / SLOTS + 1), from, running ? null : from + seconds, outcome));
                if (running) {
                    break;
                }
            }
            attempts.add(list);
            JsonObject last = list.isEmpty() ? null : list.get(list.size() - 1);
            states[p] = last == null ? "PENDING" : !last.containsKey("endedAt") || last.isNull("endedAt") ? "RUNNING"
                    : last.getString("outcome").equals("SUCCEEDED") ? "SUCCEEDED" : last.getInt("number") == 3 ? "FAILED" : "PENDING";
            progress[p] = states[p].equals("RUNNING") ? random.nextDouble() * 0.9 : 0;
        }
        run = runView();
    }

    private JsonObject attempt(int number, String worker, long from, Long to, String outcome) {
        JsonObjectBuilder a = Json.createObjectBuilder().add("number", number).add("worker", worker).add("host", worker + ".lan")
                .add("startedAt", start.plusSeconds(from).toString());
        if (outcome == null) {
            a.addNull("outcome").addNull("reason").addNull("endedAt");
        } else {
            a.add("outcome", outcome).add("reason", outcome.equals("SUCCEEDED") ? "" : outcome.equals("MODEL_FAILED")
                    ? "ERROR: Unsteady flow computations went unstable at 03JAN1900 00:00:00 (water surface change exceeded the allowed"
                    + " maximum) after 1412 time steps; the last stable water surfaces are in the messages" : "the worker stopped answering")
                    .add("endedAt", start.plusSeconds(to).toString());
        }
        return a.build();
    }

    private JsonObject runView() {
        JsonArrayBuilder plans = Json.createArrayBuilder();
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String s : List.of("pending", "running", "succeeded", "failed", "stopped", "skipped")) {
            counts.put(s, 0);
        }
        for (int p = 0; p < PLANS; p++) {
            counts.merge(states[p].toLowerCase(), 1, Integer::sum);
            List<JsonObject> list = attempts.get(p);
            JsonObject last = list.isEmpty() ? null : list.get(list.size() - 1);
            JsonArrayBuilder history = Json.createArrayBuilder();
            list.forEach(history::add);
            JsonObjectBuilder plan = Json.createObjectBuilder().add("plan", two(p + 1)).add("title", "Muncie scenario " + (p + 1)
                    + (p % 3 == 0 ? " with the levee raised by half a metre" : "")).add("state", states[p]).add("attempts", list.size())
                    .add("attemptHistory", history).add("progress", progress[p]).add("verdict", states[p].equals("SUCCEEDED") ? "SUCCEEDED" : "")
                    .add("note", "");
            if (last != null) {
                plan.add("worker", last.getString("worker")).add("startedAt", last.getString("startedAt"));
                plan.add("endedAt", last.get("endedAt"));
            } else {
                plan.addNull("worker").addNull("startedAt").addNull("endedAt");
            }
            plan.add("secondsLeft", states[p].equals("RUNNING") ? Json.createValue(600) : jakarta.json.JsonValue.NULL);
            plan.add("queued", states[p].equals("PENDING") ? Json.createValue("waiting for a slot") : jakarta.json.JsonValue.NULL);
            plan.add("error", states[p].equals("FAILED") && last != null ? last.get("reason") : jakarta.json.JsonValue.NULL);
            plans.add(plan);
        }
        JsonObjectBuilder c = Json.createObjectBuilder();
        counts.forEach(c::add);
        return Json.createObjectBuilder().add("id", RUNS).add("status", "STARTED").addNull("exitStatus")
                .add("project", "/srv/ras/studies/White River/Muncie/Muncie.prj").add("startedBy", "operator")
                .add("createdAt", start.toString()).addNull("endedAt").add("counts", c).add("plans", plans).build();
    }

    /** One live change: a running plan's progress moves on, or it ends and a waiting plan starts. */
    private synchronized void step() {
        int p = random.nextInt(PLANS);
        for (int i = 0; i < PLANS && !states[(p + i) % PLANS].equals("RUNNING"); i++) {
            p = (p + 1) % PLANS;
        }
        if (states[p].equals("RUNNING")) {
            progress[p] = Math.min(1, progress[p] + 0.02);
        }
        run = runView();
    }

    private JsonArray runsPage(long before, int limit) {
        JsonArrayBuilder page = Json.createArrayBuilder();
        for (long id = Math.min(before - 1, RUNS), n = 0; id >= 1 && n < limit; id--, n++) {
            if (id == RUNS) {
                JsonObjectBuilder r = Json.createObjectBuilder(run);
                r.remove("plans");
                page.add(r);
            } else {
                page.add(Json.createObjectBuilder().add("id", id).add("status", id % 9 == 0 ? "FAILED" : "COMPLETED")
                        .add("project", "/srv/ras/studies/White River/Muncie/Muncie.prj").add("startedBy", "operator")
                        .add("createdAt", start.minusSeconds(3600 * (RUNS - id)).toString())
                        .add("endedAt", start.minusSeconds(3600 * (RUNS - id) - 1800).toString())
                        .add("counts", Json.createObjectBuilder().add("succeeded", 4).add("failed", id % 9 == 0 ? 1 : 0)
                                .add("running", 0).add("pending", 0).add("stopped", 0).add("skipped", 0)));
            }
        }
        return page.build();
    }

    private JsonArray workers() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (int w = 1; w <= WORKERS; w++) {
            JsonArrayBuilder holders = Json.createArrayBuilder();
            for (int s = 0; s < (w <= 3 ? SLOTS - 2 : 0); s++) {
                holders.add(Json.createObjectBuilder().add("run", RUNS).add("plan", two(s + (w - 1) * SLOTS + 1)));
            }
            list.add(Json.createObjectBuilder().add("name", "node-" + two(w)).add("worker_type", w % 4 == 0 ? "docker" : "ssh")
                    .add("hostname", "node-" + two(w) + ".lan").add("enabled", w != 20).add("cores_total", SLOTS)
                    .add("cores_per_plan", 1).add("queue_priority", w).add("worker_folder", "/scratch/rasfleet")
                    .add("credential_alias", "cluster").add("slots", SLOTS).add("healthy", w != 17).add("holders", holders)
                    .add("lastCheck", Json.createObjectBuilder().add("at", Instant.now().toString()).add("report",
                            Json.createObjectBuilder().add("checks", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("ok", w != 17).add("what", "ssh login").add("detail", w != 17 ? "" : "timed out"))
                                    .add(Json.createObjectBuilder().add("ok", true).add("what", "HEC-RAS").add("detail", "6.5")))))
                    .build());
        }
        return list.build();
    }

    private JsonObject projects() {
        JsonArrayBuilder plans = Json.createArrayBuilder();
        for (int p = 1; p <= PLANS; p++) {
            plans.add(Json.createObjectBuilder().add("id", two(p)).add("title", "Muncie scenario " + p).add("flow", "UNSTEADY"));
        }
        return Json.createObjectBuilder().add("roots", Json.createArrayBuilder().add("/srv/ras/studies"))
                .add("projects", Json.createArrayBuilder().add(Json.createObjectBuilder().add("project", "/srv/ras/studies/White River/Muncie/Muncie.prj")
                        .add("name", "Muncie").add("title", "Muncie, White River").add("plans", plans))).build();
    }

    /** GET projects/plans: each plan's last result in an earlier run of the study, and whether its results file is current. */
    private JsonObject projectPlans() {
        JsonArrayBuilder plans = Json.createArrayBuilder();
        for (int p = 1; p <= PLANS; p++) {
            JsonObjectBuilder plan = Json.createObjectBuilder().add("id", two(p)).add("title", "Muncie scenario " + p).add("flow", "UNSTEADY");
            boolean failed = p % 11 == 4;
            if (p % 13 == 0) {
                plan.addNull("lastResult");
            } else {
                plan.add("lastResult", Json.createObjectBuilder().add("run", RUNS - 1 - p % 3).add("state", failed ? "FAILED" : "SUCCEEDED")
                        .add("endedAt", start.minusSeconds(3600 + 97L * p).toString()));
            }
            boolean current = !failed && p % 13 != 0 && p % 5 != 0;
            plan.add("current", current).add("currentReason", current ? "results newer than every input"
                    : p % 5 == 0 ? "Muncie.g05 (modified " + start.minusSeconds(1800) + ") is newer than Muncie.p" + two(p) + ".hdf"
                    : "no results file Muncie.p" + two(p) + ".hdf");
            plans.add(plan);
        }
        return Json.createObjectBuilder().add("project", "/srv/ras/studies/White River/Muncie/Muncie.prj").add("plans", plans).build();
    }

    private JsonObject profiles() {
        JsonArrayBuilder plans = Json.createArrayBuilder();
        for (int p = 0; p < PLANS; p++) {
            if (!states[p].equals("SUCCEEDED")) {
                continue;
            }
            JsonArrayBuilder sections = Json.createArrayBuilder();
            for (int x = 0; x < SECTIONS; x++) {
                double station = 15696 - x * 250.5;
                sections.add(Json.createObjectBuilder().add("label", "White Muncie " + station).add("station", String.valueOf(station))
                        .add("stationValue", station).add("maxWaterSurface", 955 - x * 0.08 + (p % 5) * 0.3)
                        .add("maxFlow", 21000 + (p % 5) * 500 - x * 3).add("hoursToPeak", 20 + x * 0.1));
            }
            plans.add(Json.createObjectBuilder().add("plan", two(p + 1)).add("title", "Muncie scenario " + (p + 1)).add("sections", sections));
        }
        return Json.createObjectBuilder().add("run", RUNS).add("units", "US Customary").add("plans", plans)
                .add("unreadable", Json.createArrayBuilder()).build();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private HttpServer serve(Path web) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // daemon threads: an event stream whose snapshot no longer changes never writes, so never learns that the
        // browser went; the measurement must still end when main does
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "console-load-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/rasfleet/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath().substring("/rasfleet/".length());
                if (path.startsWith("api/")) {
                    api(exchange, path.substring(4), exchange.getRequestURI().getQuery());
                } else {
                    Path file = web.resolve(path.isEmpty() ? "index.html" : path).normalize();
                    if (!file.startsWith(web) || !Files.isRegularFile(file)) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    String type = path.endsWith(".js") ? "text/javascript" : path.endsWith(".css") ? "text/css"
                            : path.endsWith(".svg") ? "image/svg+xml" : "text/html";
                    send(exchange, type, Files.readAllBytes(file));
                }
            }
        });
        server.start();
        return server;
    }

    private void api(HttpExchange exchange, String path, String query) throws IOException {
        switch (path) {
            case "me" -> json(exchange, Json.createObjectBuilder().add("user", "admin")
                    .add("roles", Json.createArrayBuilder().add("viewer").add("operator").add("admin")).build().toString());
            case "runs" -> {
                long before = query != null && query.contains("before=") ? Long.parseLong(query.replaceAll(".*before=(\\d+).*", "$1")) : RUNS + 1;
                int limit = query != null && query.contains("limit=") ? Integer.parseInt(query.replaceAll(".*limit=(\\d+).*", "$1")) : 50;
                JsonArray page = runsPage(before, limit);
                exchange.getResponseHeaders().add("X-Total-Count", Integer.toString(RUNS));
                long oldest = page.isEmpty() ? 0 : page.getJsonObject(page.size() - 1).getInt("id");
                if (oldest > 1) {
                    exchange.getResponseHeaders().add("Link", "<runs?limit=" + limit + "&before=" + oldest + ">; rel=\"next\"");
                }
                json(exchange, page.toString());
            }
            case "runs/events" -> stream(exchange, () -> runsPage(RUNS + 1, 50).toString(), false);
            case "runs/" + RUNS + "/events" -> stream(exchange, () -> run.toString(), true);
            case "runs/" + RUNS + "/results.json" -> json(exchange, "[]");
            case "runs/" + RUNS + "/max-water-surface" -> json(exchange, profiles().toString());
            case "workers", "workers/events" -> {
                if (path.endsWith("events")) {
                    stream(exchange, () -> workers().toString(), false);
                } else {
                    json(exchange, workers().toString());
                }
            }
            case "projects" -> json(exchange, projects().toString());
            case "projects/plans" -> json(exchange, projectPlans().toString());
            default -> exchange.sendResponseHeaders(404, -1);
        }
    }

    private void stream(HttpExchange exchange, java.util.function.Supplier<String> snapshot, boolean live) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String sent = null;
        try {
            while (true) {
                String now = snapshot.get();
                if (!now.equals(sent)) {
                    out.write(("id: " + eventId.incrementAndGet() + "\nevent: snapshot\ndata: " + now + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sent = now;
                }
                Thread.sleep(live ? 20 : 1000);
            }
        } catch (IOException | InterruptedException e) {
            // the page went away
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        send(exchange, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    public static void main(String[] args) throws Exception {
        Path web = Path.of(args.length > 0 ? args[0] : "src/main/webapp").toAbsolutePath();
        Path shots = Path.of(args.length > 1 ? args[1] : "target/console-load");
        double minutes = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double perSecond = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        Files.createDirectories(shots);
        ConsoleLoad load = new ConsoleLoad();
        HttpServer server = load.serve(web);
        String page = "http://127.0.0.1:" + server.getAddress().getPort() + "/rasfleet/";
        Path profile = Files.createTempDirectory("rasfleet-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), options);
        try {
            browser.manage().window().setSize(new Dimension(1280, 800));
            browser.manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(3));
            browser.get(page);
            browser.executeScript("sessionStorage.setItem('rasfleet.auth', btoa('admin:any'))");
            String waitForPlan99 = "const done = arguments[arguments.length - 1];"
                    + " const check = () => document.querySelector(\"tr[data-plan='99']\") ? done(performance.now()) : requestAnimationFrame(check); check();";
            double[] loads = new double[5];
            for (int i = 0; i < loads.length; i++) {
                browser.get("about:blank");
                browser.get(page + "#/runs/" + RUNS);
                loads[i] = ((Number) browser.executeAsyncScript(waitForPlan99)).doubleValue();
            }
            double[] inApp = new double[5];
            for (int i = 0; i < inApp.length; i++) {
                browser.executeScript("location.hash = '#/runs'");
                browser.findElements(By.cssSelector("tr[data-run='4951']"));
                Thread.sleep(1500);
                inApp[i] = ((Number) browser.executeAsyncScript("const done = arguments[arguments.length - 1]; const t = performance.now();"
                        + " location.hash = '#/runs/" + RUNS + "';"
                        + " const check = () => document.querySelector(\"tr[data-plan='99']\") ? done(performance.now() - t) : requestAnimationFrame(check); check();"))
                        .doubleValue();
            }
            System.out.printf("navigation to the rendered run page (%d plans, %d attempts): page load median %.0f ms (%s); from the runs list median %.0f ms (%s)%n",
                    PLANS, load.attempts.stream().mapToInt(List::size).sum(),
                    median(loads), Arrays.toString(round(loads)), median(inApp), Arrays.toString(round(inApp)));

            for (String[] view : new String[][] {{"runs", "#/runs", "tr[data-run='4951']"}, {"run", "#/runs/" + RUNS, "tr[data-plan='99']"},
                    {"timeline", "#/runs/" + RUNS + "/timeline", ".gantt rect.bar"}, {"compare", "#/runs/" + RUNS + "/compare", ".compare polyline"},
                    {"start", "#/start", "tr[data-plan='99'][data-current]"}, {"workers", "#/workers", "tr[data-worker='node-20']"}}) {
                browser.get(page + view[1]);
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(180))
                        .until(d -> !d.findElements(By.cssSelector(view[2])).isEmpty());
                Thread.sleep(500);
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("console-" + view[0] + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            // plan 15's three attempts of a few minutes each, found in the six hours
            browser.get(page + "#/runs/" + RUNS + "/timeline");
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(180))
                    .until(d -> !d.findElements(By.cssSelector(".gantt rect.bar")).isEmpty());
            browser.findElement(By.id("gantt-find")).sendKeys("15" + org.openqa.selenium.Keys.ENTER);
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60))
                    .until(d -> !d.findElements(By.cssSelector(".gantt rect.bar.found")).isEmpty());
            Thread.sleep(500);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shots.resolve("console-timeline-find.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            browser.get(page + "#/runs/" + RUNS);
            browser.executeAsyncScript(waitForPlan99);
            browser.executeCdpCommand("Performance.enable", Map.of());
            List<Double> updates = new ArrayList<>();
            long end = System.nanoTime() + (long) (minutes * 60e9);
            long period = (long) (1e9 / perSecond);
            long next = System.nanoTime();
            long events = 0;
            int sample = 0;
            System.out.printf("live updates: %.1f per second for %.1f minutes (%d events)%n", perSecond, minutes, (long) (minutes * 60 * perSecond));
            memory(browser, "start", 0);
            while (System.nanoTime() < end) {
                load.step();
                events++;
                next += period;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                Object last = browser.executeScript("const m = performance.getEntriesByName('rasfleet update'); return m.length ? m[m.length - 1].duration : null");
                if (last instanceof Number n) {
                    updates.add(n.doubleValue());
                }
                if (events % Math.max(1, (long) (perSecond * 60)) == 0) {
                    memory(browser, "after " + (++sample) + " min", events);
                }
            }
            memory(browser, "end", events);
            double[] u = updates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("one live update applied (the whole 99-plan snapshot into the table): median %.1f ms, p95 %.1f ms, max %.1f ms over %d%n",
                    u[u.length / 2], u[(int) (u.length * 0.95)], u[u.length - 1], u.length);
        } finally {
            browser.quit();
            server.stop(0);
        }
    }

    private static void memory(ChromeDriver browser, String when, long events) {
        browser.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) browser.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
        Map<String, Double> m = new java.util.HashMap<>();
        for (Map<String, Object> metric : metrics) {
            m.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
        }
        System.out.printf("memory %-10s events %6d: JS heap used %.1f MB, DOM nodes %.0f, event listeners %.0f%n", when, events,
                m.get("JSHeapUsedSize") / 1e6, m.get("Nodes"), m.get("JSEventListeners"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
