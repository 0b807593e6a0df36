package io.rasfleet.api;

import io.rasfleet.project.Plan;
import io.rasfleet.project.RasProject;
import io.rasfleet.results.CurrentResult;
import io.rasfleet.store.RunReads;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's plans as the start page lists them: each with its last result in rasfleet (the run,
 * succeeded or failed, when) and whether the results file in the project is current now
 * ({@link CurrentResult}, the rule a run's {@code skipCurrent} follows), so that the operator sees
 * which plans need running before choosing them.
 */
final class ProjectPlans {

    private ProjectPlans() {
    }

    static Map<String, Object> view(RasProject project, Map<String, RunReads.LastResult> last) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("project", project.projectFile().toString());
        view.put("plans", project.plans().stream().map(plan -> plan(project, plan, last.get(plan.id().digits()))).toList());
        return view;
    }

    private static Map<String, Object> plan(RasProject project, Plan plan, RunReads.LastResult last) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", plan.id().digits());
        view.put("title", plan.title() == null ? "" : plan.title());
        view.put("flow", plan.flowKind() == null ? "" : plan.flowKind().name());
        view.put("lastResult", last == null ? null
                : Map.of("run", last.run(), "state", last.state(), "endedAt", last.endedAt().toString()));
        CurrentResult current = CurrentResult.of(project, plan.id());
        view.put("current", current.current());
        view.put("currentReason", current.reason());
        return view;
    }
}
