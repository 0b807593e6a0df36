package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static io.rasfleet.api.RasfleetClient.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Services;
import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium): what each role sees and may do, a
 * run started, watched, stopped and restarted from the page. Screenshots of each view land in
 * {@code target/console-screenshots}.
 */
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class ConsoleIT {

    private static final String PAGE = "http://127.0.0.1:" + io.rasfleet.testing.ItPorts.http() + "/rasfleet/";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    private final RasfleetClient api = new RasfleetClient();
    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void browser() throws Exception {
        // the page reads what the API reads: its run on PostgreSQL adds nothing to RasfleetServerIT's
        org.junit.jupiter.api.Assumptions.assumeFalse("postgresql".equals(System.getProperty("rasfleet.it.db")),
                "the console is tested on the H2 server only");
        Services.need("chromium", Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                CHROMIUM + " or " + CHROMEDRIVER + " is missing (Debian packages chromium, chromium-driver)");
        profile = Files.createTempDirectory("rasfleet-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        // the console's messages and every response's status, to find a 404 the page caused
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL", "performance", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 800));
        Files.createDirectories(SHOTS);
        // two slots on the demo worker, as the other server ITs have it
        JsonObject local = api.get(ADMIN, "workers/local").json();
        if (local.getInt("cores_total") != 2 || local.getInt("cores_per_plan") != 1) {
            String body = local.toString().replaceFirst("\"cores_total\":\\d+", "\"cores_total\":2")
                    .replaceFirst("\"cores_per_plan\":\\d+", "\"cores_per_plan\":1");
            assertEquals(200, api.put(ADMIN, "workers/local", body).status());
        }
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void viewerSeesRunsLiveButNoStopButtonAndNoWorkersForm() throws Exception {
        Path project = project(Map.of());
        logIn(RasfleetClient.VIEWER);
        // started once the list is open: the page learns of it and of its end from the run list's events, never reloaded
        JsonObject started = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"02\"]}").json();
        long id = started.getJsonNumber("id").longValue();
        By row = By.cssSelector("tr[data-run='" + id + "']");
        waitFor(() -> !browser.findElements(row).isEmpty(), "run " + id + " appearing in the open list");
        waitFor(() -> browser.findElement(row).getDomAttribute("data-status"), "COMPLETED"::equals, Duration.ofMinutes(2),
                "run " + id + " ending in the open list");
        assertTrue(browser.findElements(By.linkText("Start a run")).stream().noneMatch(WebElement::isDisplayed), "no start for viewers");
        browser.get(PAGE + "#/runs/" + id);
        waitFor(() -> !browser.findElements(By.cssSelector("tr[data-plan='02']")).isEmpty(), "the plan row");
        assertEquals(List.of(), browser.findElements(By.id("stop")), "a viewer has no stop button");
        assertEquals(List.of(), browser.findElements(By.id("restart")));
        browser.get(PAGE + "#/workers");
        waitFor(() -> !browser.findElements(By.cssSelector("tr[data-worker='local']")).isEmpty(), "the workers list");
        assertEquals(List.of(), browser.findElements(By.id("worker-form")), "a viewer cannot reach the workers form");
        assertTrue(browser.findElements(By.xpath("//button[text()='Check now']")).isEmpty());
    }

    @Test
    void loggedOutShowsNoNavNorLiveBadgeAndNoViewOfAnyRoleShowsNullOrLoadsA404() throws Exception {
        Path project = project(Map.of());
        // plan 04 fails in the stand-in after reporting progress: its row must not keep a part-filled bar
        JsonObject started = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": [\"02\", \"04\"]}").json();
        long id = started.getJsonNumber("id").longValue();
        api.waitForRun(id, RasfleetClient::ended, Duration.ofMinutes(2));
        browser.get(PAGE);
        waitFor(() -> browser.findElement(By.id("login")).isDisplayed(), "the login form");
        assertFalse(browser.findElement(By.id("nav")).isDisplayed(), "no view links before logging in");
        WebElement form = browser.findElement(By.id("login"));
        form.findElement(By.name("user")).sendKeys("viewer");
        form.findElement(By.name("password")).sendKeys("not-the-password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(() -> form.findElement(By.cssSelector(".error")).getText(), t -> t.contains("Wrong"), "the refusal");
        assertFalse(browser.findElement(By.id("nav")).isDisplayed(), "no view links after a wrong password");
        List<String> notFound = new java.util.ArrayList<>(notFound());

        Map<String, String> views = new java.util.LinkedHashMap<>();
        views.put("#/runs", "tr[data-run='" + id + "']");
        views.put("#/runs/" + id, "tr[data-plan='04'][data-state='FAILED']");
        views.put("#/runs/" + id + "/timeline", ".gantt rect.bar");
        views.put("#/runs/" + id + "/compare", ".compare polyline");
        views.put("#/workers", "tr[data-worker='local']");
        views.put("#/start", "#start-form");
        for (String user : List.of(RasfleetClient.VIEWER, OPERATOR, ADMIN)) {
            logIn(user);
            for (Map.Entry<String, String> view : views.entrySet()) {
                if (view.getKey().equals("#/start") && user.equals(RasfleetClient.VIEWER)) {
                    continue;
                }
                browser.get(PAGE + view.getKey());
                waitFor(() -> !browser.findElements(By.cssSelector(view.getValue())).isEmpty(), view.getKey() + " as " + user);
                String text = browser.findElement(By.tagName("body")).getText();
                assertFalse(text.matches("(?s).*\\b(null|undefined|NaN)\\b.*"), view.getKey() + " as " + user + " shows: " + text);
                if (view.getKey().equals("#/runs/" + id)) {
                    assertEquals(List.of(), browser.findElements(By.cssSelector("tr[data-plan='04'] [role=progressbar]")),
                            "a failed plan shows no progress bar, as if still going");
                }
            }
            notFound.addAll(notFound());
            browser.findElement(By.id("logout")).click();
            waitFor(() -> browser.findElement(By.id("login")).isDisplayed(), "the login form after logging out");
            assertFalse(browser.findElement(By.id("nav")).isDisplayed(), "no view links after logging out");
            assertEquals("", browser.findElement(By.id("live")).getText(), "no live badge after logging out");
        }
        assertEquals(List.of(), notFound, "no request of the page answered 404");
        String icon = browser.findElement(By.cssSelector("link[rel=icon]")).getDomProperty("href");
        assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(icon)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(), "the declared icon " + icon);
    }

    /** The addresses that answered 404 since the last call, from the browser's network log and console. */
    private List<String> notFound() {
        List<String> found = new java.util.ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = jakarta.json.Json.createReader(new java.io.StringReader(entry.getMessage())).readObject().getJsonObject("message");
            if ("Network.responseReceived".equals(message.getString("method", ""))) {
                JsonObject response = message.getJsonObject("params").getJsonObject("response");
                if (response.getInt("status") == 404) {
                    found.add(response.getString("url"));
                }
            }
        }
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains(" 404")) {
                found.add(entry.getMessage());
            }
        }
        return found;
    }

    @Test
    void operatorStartsWatchesStopsAndRestartsARunFromThePage() throws Exception {
        Path project = project(Map.of("01", "25", "02", "6", "03", "6", "04", "2", "05", "6"));
        logIn(OPERATOR);
        browser.findElement(By.linkText("Start a run")).click();
        WebElement select = waitFor(() -> browser.findElement(By.id("project")), "the project list");
        new Select(select).selectByValue(project.resolve("Muncie.prj").toString());
        assertNotEquals("0", browser.findElement(By.name("numCores")).getDomProperty("value"),
                "the cores field offers the workers' own cores_per_plan, not 0");
        shot("start");
        browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();
        waitFor(() -> browser.getCurrentUrl().matches(".*#/runs/\\d+$"), "the run's page");
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*#/runs/", ""));

        By progress01 = By.cssSelector("tr[data-plan='01'] [role=progressbar]");
        int first = waitFor(() -> value(progress01), v -> v > 0 && v < 100, "plan 01 computing");
        // a live update changes the rows in place: the open attempt list and the focused button stay
        browser.findElement(By.cssSelector("tr[data-plan='01'] details summary")).click();
        browser.executeScript("const button = document.querySelector(\"tr[data-plan='02'] button.link\");"
                + " button.focus(); button.closest('tr').keptByTheTest = true;");
        int later = waitFor(() -> value(progress01), v -> v > first, "plan 01's progress rising above " + first);
        assertTrue(later <= 100);
        assertEquals(true, browser.executeScript("return document.querySelector(\"tr[data-plan='01'] details\").open"),
                "plan 01's attempt list still open");
        assertEquals("02", browser.executeScript("const row = document.activeElement.closest('tr'); return row && row.dataset.plan"),
                "the focus still on plan 02's button");
        assertEquals(true, browser.executeScript("return document.querySelector(\"tr[data-plan='02']\").keptByTheTest === true"),
                "plan 02's row is the same element, not a rebuilt one");
        shot("run");

        browser.findElement(By.linkText("Timeline")).click();
        By bars = By.cssSelector(".gantt rect.bar");
        int barsBefore = waitFor(() -> browser.findElements(bars).size(), n -> n >= 2, "bars on the timeline");
        waitFor(() -> browser.findElements(bars).size(), n -> n > barsBefore, "the timeline growing");
        WebElement bar = browser.findElement(By.cssSelector(".gantt rect.bar[data-plan='01']"));
        assertEquals("1", bar.getDomAttribute("data-attempt"));
        assertEquals("local", bar.getDomAttribute("data-worker"));
        shot("timeline");

        browser.findElement(By.id("stop")).click();
        waitFor(() -> browser.findElement(By.id("run-status")).getDomAttribute("data-status"), "STOPPED"::equals, "the run stopped");
        waitFor(() -> browser.findElement(By.id("restart")).isEnabled(), "restart enabled");
        browser.findElement(By.id("restart")).click();
        waitFor(() -> browser.findElement(By.id("run-status")).getDomAttribute("data-status"),
                status -> status.equals("FAILED") || status.equals("COMPLETED"), Duration.ofMinutes(2), "the restarted run ending");
        browser.findElement(By.linkText("Plans")).click();
        Map<String, String> states = waitFor(this::planStates, s -> s.size() == 5 && !s.containsValue("RUNNING") && !s.containsValue("PENDING"),
                "every plan row ending");
        assertEquals(Map.of("01", "SUCCEEDED", "02", "SUCCEEDED", "03", "SUCCEEDED", "04", "FAILED", "05", "SUCCEEDED"), states,
                "plan 04 fails in the stand-in (solver-error), the others succeed across the stop and restart");
        JsonObject run = api.get(OPERATOR, "runs/" + id).json();
        assertEquals("FAILED", run.getString("status"), run.toString());
        shot("run-ended");

        browser.findElement(By.linkText("Timeline")).click();
        waitFor(() -> browser.findElements(By.cssSelector(".gantt rect.bar[data-outcome='STOPPED']")).size(), n -> n >= 1,
                "the stopped attempts on the timeline");
        shot("timeline-ended");
        browser.findElement(By.linkText("Plans compared")).click();
        waitFor(() -> browser.findElements(By.cssSelector(".compare polyline")).size(), n -> n == 4, "a line per succeeded plan");
        shot("compare");
        browser.get(PAGE + "#/runs");
        waitFor(() -> !browser.findElements(By.cssSelector("tr[data-run='" + id + "']")).isEmpty(), "the run in the list");
        shot("runs");
    }

    @Test
    void adminAddsAWorkerFromTheFormAndABadValueIsRefusedNamingTheField() throws Exception {
        JsonObject local = api.get(ADMIN, "workers/local").json();
        String rasExe = local.getString("ras_exe_path");
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        logIn(ADMIN);
        browser.findElement(By.linkText("Workers")).click();
        waitFor(() -> browser.findElement(By.id("add-worker")), "the Add button");
        assertFalse(browser.findElement(By.id("worker-form")).isDisplayed(), "the form opens on Add, not before");
        browser.findElement(By.id("add-worker")).click();
        waitFor(() -> browser.findElement(By.cssSelector("#w-worker_type option[value='local']")), "the types from the server's schema");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("w-worker_type"))).selectByValue("local");
        // the local type's own fields, with the defaults and help of the server's schema
        WebElement exe = waitFor(() -> browser.findElement(By.id("w-ras_exe_path")), "the local type's fields");
        assertEquals("4", browser.findElement(By.id("w-cores_per_plan")).getDomAttribute("placeholder"), "ras-commander's default shown");
        assertTrue(browser.findElement(By.id("w-cores_per_plan-help")).getText().contains("default 4"));
        assertTrue(browser.findElements(By.id("w-extra")).isEmpty(), "no JSON box for ordinary settings");
        browser.findElement(By.id("w-name")).sendKeys(name);
        browser.findElement(By.id("w-cores_total")).sendKeys("0");
        browser.findElement(By.id("w-worker_folder")).sendKeys(local.getString("worker_folder") + "-" + name);
        exe.sendKeys(rasExe);
        browser.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        String error = waitFor(() -> browser.findElement(By.id("worker-form-error")).getText(), t -> !t.isBlank(), "the refusal");
        assertTrue(error.contains("cores_total"), error);
        assertEquals("true", browser.findElement(By.id("w-cores_total")).getDomAttribute("aria-invalid"), "the field is marked");
        shot("worker-refused");

        WebElement cores = browser.findElement(By.id("w-cores_total"));
        cores.clear();
        cores.sendKeys("2");
        browser.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        waitFor(() -> !browser.findElements(By.cssSelector("tr[data-worker='" + name + "']")).isEmpty(), "the new worker listed live");
        assertEquals(200, api.get(ADMIN, "workers/" + name).status());
        assertEquals(rasExe, api.get(ADMIN, "workers/" + name).json().getString("ras_exe_path"));

        // Edit opens the form on the worker's own values, its name fixed
        browser.findElement(By.cssSelector("tr[data-worker='" + name + "'] .cell-actions")).findElement(By.xpath(".//button[text()='Edit']")).click();
        waitFor(() -> browser.findElement(By.id("w-name")).getDomProperty("value"), name::equals, "the worker's values in the form");
        assertEquals("true", browser.findElement(By.id("w-name")).getDomProperty("readOnly"));
        assertEquals("2", browser.findElement(By.id("w-cores_total")).getDomProperty("value"));
        WebElement perPlan = browser.findElement(By.id("w-cores_per_plan"));
        perPlan.clear();
        perPlan.sendKeys("1");
        browser.findElement(By.cssSelector("#worker-form button[type=submit]")).click();
        waitFor(() -> {
            try {
                return api.get(ADMIN, "workers/" + name).json().getInt("cores_per_plan");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, perPlanNow -> perPlanNow == 1, "the change saved");
        shot("workers");
        assertEquals(204, api.delete(ADMIN, "workers/" + name).status());
    }

    @Test
    void timelineZoomsPansAndFindsAShortPlansBarAndComparedPlansReadOutUnderThePointer() throws Exception {
        // one long plan on one slot, two short ones on the other at its start: zoomed in at the end, the short bars are out of the window
        Path project = project(Map.of("01", "70", "02", "1", "03", "1"));
        long id = endedRun(project, "[\"01\", \"02\", \"03\"]", "COMPLETED", Duration.ofMinutes(4));
        logIn(OPERATOR);
        browser.get(PAGE + "#/runs/" + id + "/timeline");
        By chart = By.cssSelector(".gantt-chart svg");
        waitFor(() -> browser.findElements(By.cssSelector(".gantt rect.bar")).size(), n -> n == 3, "a bar per plan");
        long[] whole = window(chart);
        assertTrue(whole[1] - whole[0] > 60_000, "the whole run, longer than a minute: " + (whole[1] - whole[0]) + " ms");
        assertEquals(List.of("running", "succeeded", "model failed", "machine failed", "worker lost", "timed out", "stopped"),
                browser.findElements(By.cssSelector(".gantt .legend li")).stream().map(WebElement::getText).toList(), "the legend");
        assertTrue(browser.findElements(By.cssSelector(".gantt text.clock")).size() >= 2, "clock ticks on the axis");
        assertTrue(browser.findElements(By.cssSelector(".gantt text.elapsed")).stream().anyMatch(t -> t.getText().startsWith("+")),
                "ticks of the time since the start");

        browser.findElement(By.id("zoom-in")).click();
        long[] zoomed = waitFor(() -> window(chart), w -> w[1] - w[0] < whole[1] - whole[0], "a narrower window after zooming in");
        assertEquals((whole[1] - whole[0]) / 2.0, (double) (zoomed[1] - zoomed[0]), 2.0, "zooming in halves the window");
        browser.findElement(By.id("pan-later")).click();
        browser.findElement(By.id("pan-later")).click();
        long[] panned = waitFor(() -> window(chart), w -> w[0] > zoomed[0], "a later window after panning");
        assertEquals((double) (zoomed[1] - zoomed[0]), (double) (panned[1] - panned[0]), 2.0, "panning keeps the width");
        assertEquals((double) whole[1], (double) panned[1], 2.0, "panned to the run's end, no further");
        assertEquals(List.of(), browser.findElements(By.cssSelector(".gantt rect.bar[data-plan='03']")), "plan 03's bar out of the window");

        WebElement find = browser.findElement(By.id("gantt-find"));
        find.sendKeys("3" + org.openqa.selenium.Keys.ENTER);
        WebElement found = waitFor(() -> browser.findElement(By.cssSelector(".gantt rect.bar.found[data-plan='03']")), "plan 03's bar found");
        long[] around = window(chart);
        Map<?, ?> box = (Map<?, ?>) browser.executeScript("const b = arguments[0].getBoundingClientRect(), s = arguments[0].ownerSVGElement;"
                + " const p = s.getBoundingClientRect(); return {left: b.left - p.left, right: b.right - p.left, top: b.top, bottom: b.bottom,"
                + " plotLeft: s.__axis.left, width: p.width, height: innerHeight};", found);
        assertTrue(num(box, "left") >= num(box, "plotLeft") - 1 && num(box, "right") <= num(box, "width") + 1, "the bar inside the plot: " + box);
        assertTrue(num(box, "top") >= 0 && num(box, "bottom") <= num(box, "height"), "the bar on the screen: " + box);
        assertTrue(around[0] <= panned[0], "the window moved back to plan 03");
        assertTrue(browser.findElement(By.id("gantt-window")).getText().startsWith("plan 03: 1 attempt on local #"),
                browser.findElement(By.id("gantt-window")).getText());
        assertEquals("finding", browser.findElement(chart).getDomAttribute("class"), "the other bars fade");
        shot("timeline-found");

        browser.findElement(By.linkText("Plans compared")).click();
        WebElement profile = waitFor(() -> {
            List<WebElement> lines = browser.findElements(By.cssSelector(".compare polyline"));
            return lines.size() == 3 ? browser.findElement(By.cssSelector(".compare-chart svg")) : null;
        }, "a line per succeeded plan");
        assertTrue(browser.findElement(By.id("compare-readout")).getText().startsWith("Point at the chart"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(profile).perform();
        String readout = waitFor(() -> browser.findElement(By.id("compare-readout")).getText(), t -> t.startsWith("station "),
                "the read-out under the pointer");
        assertTrue(readout.matches("station \\S+: plan 0[123] -?[\\d.]+(, plan 0[123] -?[\\d.]+){2} \\((ft|m)\\)"), readout);
        assertEquals("visible", browser.findElement(By.cssSelector(".compare-chart line.cursor")).getDomAttribute("visibility"),
                "a cursor at the station read");
    }

    @Test
    void startPageListsEachPlansLastResultAndWhetherCurrentSelectsAllOrNoneAndShowsStartOnTheFirstScreen() throws Exception {
        Path project = project(Map.of());
        // plan 04 fails in the stand-in; 03 (a geometry of its own) succeeds; the others never ran
        long id = endedRun(project, "[\"03\", \"04\"]", "FAILED", Duration.ofMinutes(3));
        logIn(OPERATOR);
        browser.findElement(By.linkText("Start a run")).click();
        Select select = new Select(waitFor(() -> browser.findElement(By.id("project")), "the project list"));
        select.selectByValue(project.resolve("Muncie.prj").toString());
        String label = select.getFirstSelectedOption().getText();
        assertTrue(label.endsWith("— " + project.getParent().getFileName() + "/Muncie"), "title and folder under the root: " + label);
        assertFalse(label.contains(System.getProperty("rasfleet.it.projects")), "no absolute path: " + label);

        By three = By.cssSelector("tr[data-plan='03']");
        waitFor(() -> browser.findElement(three).getDomAttribute("data-last"), "SUCCEEDED"::equals, "plan 03's last result");
        assertEquals("true", browser.findElement(three).getDomAttribute("data-current"),
                browser.findElement(three).findElement(By.cssSelector(".current")).getDomAttribute("title"));
        assertTrue(browser.findElement(three).getText().matches("03 .+ succeeded .+ run " + id + " current"),
                browser.findElement(three).getText());
        WebElement four = browser.findElement(By.cssSelector("tr[data-plan='04']"));
        assertEquals("FAILED", four.getDomAttribute("data-last"));
        assertEquals("false", four.getDomAttribute("data-current"));
        assertTrue(four.getText().endsWith("run " + id + " not current"), four.getText());
        assertTrue(browser.findElement(By.cssSelector("tr[data-plan='02']")).getText().endsWith("never run here not current"));
        assertEquals(List.of("Run", "Plan", "Title", "Flow", "Last result", "Results file"),
                browser.findElements(By.cssSelector(".start-plans th")).stream().map(WebElement::getText).toList());

        By ticked = By.cssSelector("input[name=plan]:checked");
        assertEquals(5, browser.findElements(ticked).size(), "every plan chosen at first");
        browser.findElement(By.id("plans-none")).click();
        assertEquals(0, browser.findElements(ticked).size());
        assertEquals("0 of 5 plans chosen", browser.findElement(By.id("plans-chosen")).getText());
        browser.findElement(By.id("plans-all")).click();
        assertEquals(5, browser.findElements(ticked).size());
        browser.findElement(By.id("plans-stale")).click();
        assertEquals(List.of("01", "02", "04", "05"), browser.findElements(ticked).stream().map(b -> b.getDomAttribute("value")).toList(),
                "the plans whose results are not current");
        assertEquals("4 of 5 plans chosen", browser.findElement(By.id("plans-chosen")).getText());

        Map<?, ?> start = (Map<?, ?>) browser.executeScript("const b = document.getElementById('start-run').getBoundingClientRect();"
                + " return {top: b.top, bottom: b.bottom, height: innerHeight, scrolled: scrollY};");
        assertEquals(0L, ((Number) start.get("scrolled")).longValue());
        assertTrue(num(start, "top") >= 0 && num(start, "bottom") <= num(start, "height"), "the Start button on the first screen: " + start);
        shot("start-last-results");
    }

    /** A run of {@code plans} (a JSON array) started through the API by an operator, once it has ended with {@code status}. */
    private long endedRun(Path project, String plans, String status, Duration within) throws Exception {
        long id = api.post(OPERATOR, "runs", "{\"project\": \"" + project + "\", \"plans\": " + plans + "}").json()
                .getJsonNumber("id").longValue();
        waitFor(() -> {
            try {
                return api.get(OPERATOR, "runs/" + id).json().getString("status");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, status::equals, within, "run " + id + " ending " + status);
        return id;
    }

    /** The timeline's shown window, [start, end] in epoch milliseconds. */
    private long[] window(By chart) {
        WebElement svg = browser.findElement(chart);
        return new long[] {Long.parseLong(svg.getDomAttribute("data-window-start")), Long.parseLong(svg.getDomAttribute("data-window-end"))};
    }

    private static double num(Map<?, ?> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    private void logIn(String user) {
        browser.get(PAGE);
        String[] parts = user.split(":", 2);
        WebElement form = waitFor(() -> browser.findElement(By.id("login")), "the login form");
        form.findElement(By.name("user")).sendKeys(parts[0]);
        form.findElement(By.name("password")).sendKeys(parts[1]);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(() -> browser.findElement(By.id("who")).getText().startsWith(parts[0]), "logged in as " + parts[0]);
        waitFor(() -> browser.findElement(By.cssSelector("#view h1")).getText().equals("Runs"), "the runs view");
    }

    /** A fresh copy of the sample project under the server's allowed root, each plan computing the seconds given (default 1). */
    private static Path project(Map<String, String> seconds) {
        Path parent = Path.of(System.getProperty("rasfleet.it.projects")).resolve(UUID.randomUUID().toString());
        Path folder = SampleProjects.muncie(parent);
        for (int i = 1; i <= 5; i++) {
            KeyedTextFile plan = KeyedTextFile.read(folder.resolve("Muncie.p0" + i));
            plan.setAll("RASSIM Seconds", seconds.getOrDefault("0" + i, "1"), null);
            plan.save();
        }
        return folder;
    }

    private int value(By progressBar) {
        List<WebElement> found = browser.findElements(progressBar);
        return found.isEmpty() ? -1 : Integer.parseInt(found.get(0).getDomAttribute("aria-valuenow"));
    }

    private Map<String, String> planStates() {
        Map<String, String> states = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("tr[data-plan]"))) {
            states.put(row.getDomAttribute("data-plan"), row.getDomAttribute("data-state"));
        }
        return states;
    }

    private void shot(String view) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(view + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T waitFor(java.util.function.Supplier<T> value, java.util.function.Predicate<T> until, String what) {
        return waitFor(value, until, Duration.ofSeconds(60), what);
    }

    private <T> T waitFor(java.util.function.Supplier<T> value, java.util.function.Predicate<T> until, Duration timeout, String what) {
        // the live page re-renders as events arrive: an element read between two renders is found again
        return new WebDriverWait(browser, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what + "; the page shows: " + pageText()).until(driver -> {
            T v = value.get();
            return v != null && until.test(v) ? v : null;
        });
    }

    private String pageText() {
        try {
            return browser.findElement(By.tagName("body")).getText().replace('\n', '|');
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private <T> T waitFor(java.util.function.Supplier<T> value, String what) {
        return waitFor(value, v -> !(v instanceof Boolean b) || b, what);
    }
}
