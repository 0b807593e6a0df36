package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ModelSize;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.ResultFile;
import io.rasfleet.results.RunTimes;
import io.rasfleet.schedule.RuntimeEstimate;
import io.rasfleet.schedule.RuntimeEstimator;
import io.rasfleet.schedule.WorkerSpeeds;
import io.rasfleet.store.RunStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what the stage step knows of each plan's run time (history here, the results file in the
 * project, the model's size) and of each worker's speed, for {@link RuntimeEstimator} and the slot pool.
 */
final class PlanEstimates {

    private final RunStore runs;

    PlanEstimates(RunStore runs) {
        this.runs = runs;
    }

    /** Each plan's expectation, recorded on its plan run so that the API, the report and the order of plans show it. */
    Map<String, RunStore.Expectation> record(long runId, String projectFile, RasProject project, List<PlanId> plans) {
        Map<String, Duration> history = runs.expectedRuntimes(projectFile);
        Map<PlanId, RuntimeEstimator.Known> known = new LinkedHashMap<>();
        Map<java.nio.file.Path, Long> cellsByGeometry = new java.util.HashMap<>();
        for (PlanId id : plans) {
            known.put(id, new RuntimeEstimator.Known(history.get(id.digits()), resultFileTime(project, id),
                    modelWork(project, id, cellsByGeometry)));
        }
        Map<PlanId, RuntimeEstimate> estimates = RuntimeEstimator.estimate(known, runs.secondsPerModelWork());
        Map<String, RunStore.Expectation> byPlan = new LinkedHashMap<>();
        known.forEach((id, k) -> {
            RuntimeEstimate e = estimates.get(id);
            byPlan.put(id.digits(), new RunStore.Expectation(e == null ? null : e.expected().toMillis() / 1000.0,
                    e == null ? null : e.source().name(), k.modelWork()));
        });
        runs.expectations(runId, byPlan);
        return byPlan;
    }

    /** Each worker's time factor from this server's history of plans run on more than one worker. */
    Map<String, Double> workerTimeFactors() {
        return WorkerSpeeds.timeFactors(runs.succeededExecutions().stream()
                .map(row -> new WorkerSpeeds.Execution((String) row[0], (String) row[1], ((Number) row[2]).doubleValue()))
                .toList());
    }

    /** The whole computation's time the plan's results file records, or null when there is none or it does not say. */
    private static Duration resultFileTime(RasProject project, PlanId id) {
        java.nio.file.Path file = project.plan(id).resultFile();
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (ResultFile result = ResultFile.open(file)) {
            Double hours = RunTimes.of(result.summary()).completeProcessHours();
            return hours == null || hours <= 0 ? null : Duration.ofMillis(Math.round(hours * 3_600_000));
        } catch (RuntimeException e) {
            LOG.estimateSourceUnreadable(file.toString(), String.valueOf(e.getMessage()));
            return null;
        }
    }

    private static Double modelWork(RasProject project, PlanId id, Map<java.nio.file.Path, Long> cellsByGeometry) {
        try {
            return ModelSize.of(project, id, cellsByGeometry).map(ModelSize::work).orElse(null);
        } catch (ProjectException | java.io.UncheckedIOException e) {
            LOG.estimateSourceUnreadable(project.plan(id).planFile().toString(), String.valueOf(e.getMessage()));
            return null;
        }
    }
}
