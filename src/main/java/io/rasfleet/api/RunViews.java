package io.rasfleet.api;

import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs as the API shows them. */
final class RunViews {

    private RunViews() {
    }

    /** A run with its counts, without its plans (the list of runs). */
    static Map<String, Object> run(RunEntity run) {
        return run(run, null);
    }

    /** Runs of a page of the run list, as {@code GET /runs} and the run list's live events show them. */
    static List<Map<String, Object>> list(List<RunEntity> page, RunStore runs) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (RunEntity run : page) {
            views.add(run(JobStatus.refresh(runs, run)));
        }
        return views;
    }

    /** A run with each plan and the plan's attempts. */
    static Map<String, Object> run(RunReads.RunForView run) {
        return run(run.run(), run::attempts);
    }

    private static Map<String, Object> run(RunEntity run, Function<String, List<AttemptEntity.Summary>> attempts) {
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
        view.put("maxConcurrent", run.getMaxConcurrent());
        view.put("priority", run.getPriority());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PlanRunEntity.State state : PlanRunEntity.State.values()) {
            counts.put(state.name().toLowerCase(), run.getPlans().stream().filter(p -> p.getState() == state).count());
        }
        view.put("counts", counts);
        if (attempts != null) {
            List<Map<String, Object>> plans = new ArrayList<>();
            for (PlanRunEntity p : run.getPlans()) {
                Map<String, Object> plan = plan(p);
                plan.put("attemptHistory", attempts.apply(p.getPlan()).stream().map(AttemptEntity.Summary::view).toList());
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
