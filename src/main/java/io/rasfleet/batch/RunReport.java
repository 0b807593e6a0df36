package io.rasfleet.batch;

import io.rasfleet.results.ResultFile;
import io.rasfleet.results.ResultFileException;
import io.rasfleet.results.ResultSummary;
import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.transfer.HomeDelivery;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rasfleet-run-<id>.json} beside the project: every plan with its state, worker, attempts,
 * times, verdict and the summary of its result, for people and for the next script in the chain.
 */
final class RunReport {

    private RunReport() {
    }

    static Path write(RunEntity run, String status, String exitStatus) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", run.getId());
        report.put("project", run.getProjectFile());
        report.put("status", status);
        report.put("summary", exitStatus);
        report.put("startedBy", run.getStartedBy());
        report.put("createdAt", String.valueOf(run.getCreatedAt()));
        report.put("skipCurrent", run.isSkipCurrent());
        report.put("force", run.isForce());
        List<Map<String, Object>> plans = new ArrayList<>();
        for (PlanRunEntity p : run.getPlans()) {
            Map<String, Object> plan = p.view();
            plan.remove("progress");
            plan.put("attemptCount", plan.get("attempts"));
            plan.put("attempts", attempts(p));
            plan.put("result", p.getHdfPath() == null ? null : summary(Path.of(p.getHdfPath())));
            plans.add(plan);
        }
        report.put("plans", plans);
        Path target = Path.of(run.getProjectFile()).getParent().resolve("rasfleet-run-" + run.getId() + ".json");
        try (Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withFormatting(true).withNullValues(true))) {
            byte[] bytes = jsonb.toJson(report).getBytes(StandardCharsets.UTF_8);
            HomeDelivery.deliver(new ByteArrayInputStream(bytes), bytes.length, target);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static List<Map<String, Object>> attempts(PlanRunEntity plan) {
        return plan.getAttemptRecords().stream().map(AttemptEntity::view).toList();
    }

    private static Map<String, Object> summary(Path hdf) {
        if (!Files.isRegularFile(hdf)) {
            return null;
        }
        try (ResultFile file = ResultFile.open(hdf)) {
            ResultSummary s = file.summary();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("planTitle", s.planTitle());
            summary.put("programVersion", s.programVersion());
            summary.put("solution", s.solution());
            summary.put("runTimeWindow", s.runTimeWindow());
            summary.put("computationTime", s.computationTime());
            summary.put("maximumWselError", s.maximumWselError());
            summary.put("maximumCores", s.maximumCores());
            summary.put("volumeErrorPercent", s.volumeErrorPercent());
            if (!s.unreadable().isEmpty()) {
                summary.put("unreadable", s.unreadable());
            }
            return summary;
        } catch (ResultFileException e) {
            return Map.of("error", e.getMessage());
        }
    }
}
