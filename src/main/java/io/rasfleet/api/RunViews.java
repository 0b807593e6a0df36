package io.rasfleet.api;

import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs as the API shows them. */
final class RunViews {

    private RunViews() {
    }

    static Map<String, Object> run(RunEntity run, boolean withPlans) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", run.getId());
        view.put("status", run.getStatus());
        view.put("exitStatus", run.getExitStatus());
        view.put("project", run.getProjectFile());
        view.put("jobExecutionId", run.getJobExecutionId());
        view.put("startedBy", run.getStartedBy());
        view.put("createdAt", text(run.getCreatedAt()));
        view.put("endedAt", text(run.getEndedAt()));
        view.put("skipCurrent", run.isSkipCurrent());
        view.put("force", run.isForce());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PlanRunEntity.State state : PlanRunEntity.State.values()) {
            counts.put(state.name().toLowerCase(), run.getPlans().stream().filter(p -> p.getState() == state).count());
        }
        view.put("counts", counts);
        if (withPlans) {
            List<Map<String, Object>> plans = new ArrayList<>();
            for (PlanRunEntity p : run.getPlans()) {
                Map<String, Object> plan = plan(p);
                plan.put("attemptHistory", p.getAttemptRecords().stream().map(io.rasfleet.store.AttemptEntity::view).toList());
                plans.add(plan);
            }
            view.put("plans", plans);
        }
        return view;
    }

    static Map<String, Object> plan(PlanRunEntity p) {
        return p.view();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
