package io.rasfleet.api;

import io.rasfleet.project.FlowKind;
import io.rasfleet.project.Plan;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.PlanFacts;
import io.rasfleet.results.ResultColumns;
import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's results table: one row per plan with ras-commander's results table columns
 * ({@link ResultColumns}), then ours: the plan's {@code state} as we judged it (ras-commander's
 * {@code completed} beside it may differ), the {@code worker}, the {@code attempts} and a
 * {@code note} (why it failed, or why it was skipped). The plan's title, flow type and HEC-RAS
 * version come from the project's plan file as ras-commander takes them; its figures from the
 * results file the run brought home, or from the messages its last attempt kept.
 */
final class ResultsTable {

    /** The CSV's columns; a JSON row has these and {@code unreadable}, the parts of its file that could not be read. */
    static final List<String> COLUMNS = Stream.concat(ResultColumns.NAMES.stream(),
            Stream.of("state", "worker", "attempts", "note")).toList();

    private ResultsTable() {
    }

    static List<Map<String, Object>> rows(RunEntity run) {
        RasProject project = project(run.getProjectFile());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PlanRunEntity plan : run.getPlans()) {
            ResultColumns result = ResultColumns.read(facts(project, plan),
                    plan.getHdfPath() == null ? null : Path.of(plan.getHdfPath()), keptMessages(plan));
            rows.add(row(plan, result));
        }
        return rows;
    }

    static Map<String, Object> row(PlanRunEntity plan, ResultColumns result) {
        Map<String, Object> row = new LinkedHashMap<>(result.values());
        row.put("state", plan.getState().name());
        row.put("worker", plan.getWorker());
        row.put("attempts", plan.getAttempts());
        row.put("note", plan.getError() != null ? plan.getError() : plan.getNote());
        row.put("unreadable", result.unreadable());
        return row;
    }

    static String csv(List<Map<String, Object>> rows) {
        return CsvText.of(COLUMNS, rows);
    }

    /** ras-commander's plan metadata: the title we recorded, the flow type and version from the plan file. */
    static PlanFacts facts(RasProject project, PlanRunEntity plan) {
        Plan read = null;
        if (project != null) {
            try {
                read = project.plan(PlanId.parse(plan.getPlan()));
            } catch (ProjectException e) {
                read = null; // a plan file since removed: its row keeps what the run recorded
            }
        }
        String flowType = PlanFacts.UNKNOWN;
        if (read != null && read.flowKind() == FlowKind.UNSTEADY) {
            flowType = PlanFacts.UNSTEADY;
        } else if (read != null && read.flowKind() == FlowKind.STEADY) {
            flowType = PlanFacts.STEADY;
        }
        return new PlanFacts(plan.getPlan(), plan.getTitle(), flowType, read == null ? null : read.programVersion());
    }

    /** The compute messages (and program output) of the plan's last attempt that kept any. */
    private static String keptMessages(PlanRunEntity plan) {
        String kept = null;
        for (AttemptEntity attempt : plan.getAttemptRecords()) {
            kept = attempt.getMessages() == null ? kept : attempt.getMessages();
        }
        return kept;
    }

    private static RasProject project(String projectFile) {
        try {
            return projectFile == null ? null : RasProject.open(Path.of(projectFile));
        } catch (ProjectException e) {
            return null; // the project moved: the rows still show what the run kept
        }
    }
}
