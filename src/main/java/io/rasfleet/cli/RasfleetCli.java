package io.rasfleet.cli;

import io.rasfleet.project.Plan;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ComputeProcess;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.ResultFile;
import io.rasfleet.results.ResultFileException;
import io.rasfleet.results.ResultSummary;
import io.rasfleet.results.Verdict;
import io.rasfleet.sim.RasSim;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rasfleet inspect Name.pNN.hdf} and {@code rasfleet plans PROJECT}: JSON on standard
 * output for people and scripts. Exit codes: 0 success, 1 a plan that did not succeed, 2 unusable
 * input or usage.
 */
public final class RasfleetCli {

    static final String USAGE = """
            usage: rasfleet-cli inspect FILE.pNN.hdf   verdict and summary of a HEC-RAS results file (exit 0 succeeded, 1 not)
                   rasfleet-cli plans PROJECT          the plans of a project (.prj or its folder)
                   rasfleet-cli version
            exit code 2: unusable input or command line""";

    private final PrintStream out;
    private final PrintStream err;

    RasfleetCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new RasfleetCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            out.println("rasfleet " + RasSim.version().replace("rasfleet HEC-RAS stand-in ", ""));
            return 0;
        }
        if (args.length != 2 || !(args[0].equals("inspect") || args[0].equals("plans"))) {
            err.println(USAGE);
            return 2;
        }
        Path path = Path.of(args[1]);
        try {
            return args[0].equals("inspect") ? inspect(path) : plans(path);
        } catch (ResultFileException | ProjectException e) {
            err.println("rasfleet " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    private int inspect(Path file) {
        try (ResultFile result = ResultFile.open(file)) {
            Verdict verdict = PlanVerdicts.judge(result);
            ResultSummary s = result.summary();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toAbsolutePath().normalize().toString());
            json.put("verdict", verdict.state().name());
            json.put("reason", verdict.reason());
            json.put("unreadable", s.unreadable());
            json.put("planName", s.planName());
            json.put("planTitle", s.planTitle());
            json.put("planShortId", s.planShortId());
            json.put("planFile", s.planFile());
            json.put("programVersion", s.programVersion());
            json.put("solution", s.solution());
            json.put("runTimeWindow", s.runTimeWindow());
            json.put("simulationStart", s.simulationStart());
            json.put("simulationEnd", s.simulationEnd());
            json.put("computationTime", s.computationTime());
            json.put("maximumWselError", s.maximumWselError());
            json.put("maximumCores", s.maximumCores());
            json.put("timeSolutionWentUnstable", s.timeSolutionWentUnstable());
            json.put("volumeErrorPercent", s.volumeErrorPercent());
            List<Map<String, Object>> processes = new ArrayList<>();
            for (ComputeProcess p : s.computeProcesses()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("process", p.process());
                row.put("filename", p.filename());
                row.put("arguments", p.arguments());
                row.put("computeTime", p.computeTime());
                row.put("computeMillis", p.computeMillis());
                processes.add(row);
            }
            json.put("computeProcesses", processes);
            json.put("computeMessages", s.computeMessages());
            out.print(JsonWriter.write(json));
            return verdict.succeeded() ? 0 : 1;
        }
    }

    private int plans(Path projectPath) {
        RasProject project = RasProject.open(projectPath);
        Instant now = Instant.now();
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Plan plan : project.plans()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("plan", plan.id().digits());
            row.put("title", plan.title());
            row.put("shortId", plan.shortId());
            row.put("geometry", plan.geometry());
            row.put("flow", plan.flow());
            row.put("flowKind", plan.flowKind() == null ? null : plan.flowKind().label());
            row.put("simulationStart", plan.window() == null ? null : plan.window().start().toString());
            row.put("simulationEnd", plan.window() == null ? null : plan.window().end().toString());
            row.put("hasResult", plan.hasResult());
            row.put("resultModified", plan.resultModified() == null ? null : plan.resultModified().toString());
            row.put("resultAgeSeconds", plan.resultModified() == null ? null
                    : Duration.between(plan.resultModified(), now).toSeconds());
            plans.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("project", project.projectFile().toString());
        json.put("title", project.title());
        json.put("plans", plans);
        out.print(JsonWriter.write(json));
        return 0;
    }
}
