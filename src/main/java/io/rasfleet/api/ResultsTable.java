package io.rasfleet.api;

import io.rasfleet.results.ResultColumns;
import io.rasfleet.results.RunTimes;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's results table: one row per plan, named as ras-commander's results table names its
 * columns, for comparing plans. The record's columns come from the store; the others from the
 * plan's results file, which only a plan that succeeded has (one that did not has nothing brought
 * home, so its result columns are empty).
 */
final class ResultsTable {

    /** The CSV's columns; a JSON row has these and {@code unreadable}, the parts of its file that could not be read. */
    static final List<String> COLUMNS = List.of("plan", "title", "worker", "state", "completed", "has_errors",
            "error_count", "first_error_line", "runtime_simulation_hours", "runtime_complete_process_hours",
            "runtime_unsteady_compute_hours", "runtime_complete_process_speed", "vol_error_percent", "runtime_source",
            "hdf_path", "attempts");

    private ResultsTable() {
    }

    static List<Map<String, Object>> rows(RunEntity run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PlanRunEntity plan : run.getPlans()) {
            rows.add(row(plan, plan.getHdfPath() == null ? ResultColumns.none() : ResultColumns.read(Path.of(plan.getHdfPath()))));
        }
        return rows;
    }

    static Map<String, Object> row(PlanRunEntity plan, ResultColumns result) {
        RunTimes times = result.runTimes();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plan", plan.getPlan());
        row.put("title", plan.getTitle());
        row.put("worker", plan.getWorker());
        row.put("state", plan.getState().name());
        // completed means the plan's state is SUCCEEDED: rasfleet's verdict, not HEC-RAS's exit code
        row.put("completed", plan.getState() == PlanRunEntity.State.SUCCEEDED);
        row.put("has_errors", result.hasErrors());
        row.put("error_count", result.errorCount());
        row.put("first_error_line", result.firstErrorLine());
        row.put("runtime_simulation_hours", times.simulationHours());
        row.put("runtime_complete_process_hours", times.completeProcessHours());
        row.put("runtime_unsteady_compute_hours", times.unsteadyComputeHours());
        row.put("runtime_complete_process_speed", times.completeProcessSpeed());
        row.put("vol_error_percent", result.volErrorPercent());
        row.put("runtime_source", times.source());
        row.put("hdf_path", plan.getHdfPath());
        row.put("attempts", plan.getAttempts());
        row.put("unreadable", result.unreadable());
        return row;
    }

    static String csv(List<Map<String, Object>> rows) {
        return CsvText.of(COLUMNS, rows);
    }
}
