package io.rasfleet.sim;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.rasfleet.project.FlowKind;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.project.SimulationWindow;
import io.rasfleet.project.StagedPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the stand-in needs to know about the plan it runs: from the project's files (Windows
 * style), or from the compute inputs a preprocessing run left behind (Linux engine style).
 */
record SimPlan(
        String fileName,
        String title,
        Map<String, String> planInformation,
        boolean unsteady,
        LocalDateTime start,
        LocalDateTime end,
        Duration outputInterval,
        SimGeometry geometry,
        SimHydrograph hydrograph,
        String unitsSystem,
        SimOutcome outcome,
        double seconds,
        int cores) {

    static final DateTimeFormatter HEC_TIME = DateTimeFormatter.ofPattern("ddMMMyyyy HH:mm:ss", Locale.ENGLISH);
    private static final LocalDateTime NO_WINDOW = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** Windows style: the project, the plan and the files they name. */
    static SimPlan fromProject(SimInvocation call) {
        RasProject project = RasProject.open(call.file("prj"));
        Plan plan = project.plan(PlanId.parse(call.planDigits()));
        KeyedTextFile planText = KeyedTextFile.read(plan.planFile());
        SimulationWindow window = plan.window();
        LocalDateTime start = window == null ? NO_WINDOW : window.start();
        LocalDateTime end = window == null ? NO_WINDOW : window.end();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Plan Name", plan.title());
        info.put("Plan ShortID", plan.shortId());
        info.put("Plan Title", plan.title());
        info.put("Plan Filename", plan.planFile().getFileName().toString());
        info.put("Geometry Filename", project.name() + "." + plan.geometry());
        info.put("Geometry Title", KeyedTextFile.read(project.file(plan.geometry())).trimmed("Geom Title").orElse(null));
        info.put("Flow Filename", project.name() + "." + plan.flow());
        info.put("Flow Title", KeyedTextFile.read(project.file(plan.flow())).trimmed("Flow Title").orElse(null));
        info.put("Project Filename", project.projectFile().toString());
        info.put("Project Title", project.title());
        info.put("Simulation Start Time", stamp(start));
        info.put("Simulation End Time", stamp(end));
        info.put("Time Window", stamp(start) + " to " + stamp(end));
        info.put("Base Output Interval", planText.trimmed("Output Interval").orElse("1HOUR"));
        info.put("Computation Time Step Base", planText.trimmed("Computation Interval").orElse(null));
        List<String> geometry = KeyedTextFile.read(project.file(plan.geometry())).lines();
        List<String> flow = KeyedTextFile.read(project.file(plan.flow())).lines();
        return new SimPlan(plan.planFile().getFileName().toString(), plan.title(), info,
                plan.flowKind() != FlowKind.STEADY, start, end,
                SimHydrograph.interval(info.get("Base Output Interval")), SimGeometry.parse(geometry),
                plan.flowKind() == FlowKind.UNSTEADY ? SimHydrograph.parse(flow) : SimHydrograph.parse(List.of()),
                project.siUnits() ? "SI Units" : "US Customary",
                SimOutcome.parse(setting(planText, "RASSIM Outcome", "RASSIM_OUTCOME")),
                seconds(setting(planText, "RASSIM Seconds", "RASSIM_SECONDS")),
                cores(planText));
    }

    /** Linux engine style: {@code Name.pNN.tmp.hdf}, {@code .bNN} and {@code .xGG} from a preprocessing run. */
    static SimPlan fromComputeInputs(SimInvocation call, String program) {
        Path tmp = call.tmpHdf();
        Path boundary = call.file("b" + call.planDigits());
        Path geometry = call.file("x" + call.geometryDigits());
        for (Path input : List.of(tmp, boundary, geometry)) {
            if (!Files.isRegularFile(input)) {
                throw new IllegalStateException(program + ": " + input.getFileName() + " is missing from " + call.folder()
                        + "; the Linux engine computes from the .pNN.tmp.hdf, .bNN and .xGG that a Windows"
                        + " preprocessing run writes");
            }
        }
        Map<String, String> info = attributes(tmp, "/Plan Data/Plan Information");
        Map<String, String> stored = attributes(tmp, "/Plan Data/rasfleet stand-in");
        KeyedTextFile planText = Files.isRegularFile(call.planFile()) ? KeyedTextFile.read(call.planFile()) : null;
        String outcome = planText != null ? setting(planText, "RASSIM Outcome", "RASSIM_OUTCOME") : stored.get("Outcome");
        String seconds = planText != null ? setting(planText, "RASSIM Seconds", "RASSIM_SECONDS") : stored.get("Seconds");
        LocalDateTime start = parseTime(info.get("Simulation Start Time"));
        LocalDateTime end = parseTime(info.get("Simulation End Time"));
        return new SimPlan(call.planFile().getFileName().toString(), info.getOrDefault("Plan Title", call.projectName()),
                info, true, start, end, SimHydrograph.interval(info.getOrDefault("Base Output Interval", "1HOUR")),
                SimGeometry.parse(KeyedTextFile.read(geometry).lines()),
                SimHydrograph.parse(KeyedTextFile.read(boundary).lines()),
                stored.getOrDefault("Units System", "US Customary"),
                SimOutcome.parse(outcome), seconds(seconds),
                planText != null ? cores(planText) : Integer.parseInt(stored.getOrDefault("Cores", "1")));
    }

    /** A date-time as HEC-RAS writes it in results: {@code 02JAN1900 00:00:00}. */
    static String stamp(LocalDateTime time) {
        return HEC_TIME.format(time).toUpperCase(Locale.ROOT);
    }

    Map<String, String> standInSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("Outcome", outcome.label());
        settings.put("Seconds", Double.toString(seconds));
        settings.put("Cores", Integer.toString(cores));
        settings.put("Units System", unitsSystem);
        return settings;
    }

    private static String setting(KeyedTextFile plan, String key, String environment) {
        return plan.trimmed(key).orElseGet(() -> System.getenv(environment));
    }

    private static double seconds(String text) {
        if (text == null || text.isBlank()) {
            return 2;
        }
        double value = Double.parseDouble(text.strip());
        if (value < 0 || value > 86_400) {
            throw new IllegalArgumentException("RASSIM Seconds=" + text + " is not a run time from 0 to 86400 seconds");
        }
        return value;
    }

    /** HEC-RAS's cores keys, 0 meaning all cores; the most any key asks for is what the run uses. */
    private static int cores(KeyedTextFile plan) {
        int available = Runtime.getRuntime().availableProcessors();
        int most = 0;
        for (String key : StagedPlan.CORE_KEYS) {
            for (String value : plan.values(key)) {
                String v = value.strip();
                if (!v.isEmpty()) {
                    int n = Integer.parseInt(v);
                    most = Math.max(most, n == 0 ? available : n);
                }
            }
        }
        return most == 0 ? available : most;
    }

    private static LocalDateTime parseTime(String text) {
        return text == null ? NO_WINDOW : LocalDateTime.parse(text, new java.time.format.DateTimeFormatterBuilder()
                .parseCaseInsensitive().appendPattern("ddMMMyyyy HH:mm:ss").toFormatter(Locale.ENGLISH));
    }

    private static Map<String, String> attributes(Path hdf, String group) {
        Map<String, String> values = new LinkedHashMap<>();
        try (HdfFile file = new HdfFile(hdf)) {
            Node node = file.getByPath(group);
            for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
                Object data = e.getValue().getData();
                values.put(e.getKey(), data instanceof String[] array && array.length > 0 ? array[0] : String.valueOf(data));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(hdf.getFileName() + " is not a compute file written by a preprocessing run ("
                    + group + " unreadable: " + e.getMessage() + ")", e);
        }
        return values;
    }
}
