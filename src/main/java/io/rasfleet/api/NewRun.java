package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.WorkerSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The run a {@code POST /runs} asks for, checked against the project (under the project roots) and
 * the configured workers, with every default filled in: the row the launcher writes, and its plans.
 */
record NewRun(RunEntity run, List<PlanId> plans) {

    static NewRun of(RunRequest request, ProjectRoots roots, WorkerStore workers, String user) {
        RasProject project = project(request.project(), roots);
        List<PlanId> plans = plans(request.plans(), project);
        List<String> workerNames = workers(request.workers(), workers);
        List<WorkerSpec> chosen = workers.list().stream().filter(w -> workerNames.isEmpty() || workerNames.contains(w.name())).toList();
        io.rasfleet.schedule.CoreFit.refusal(request.numCores(), chosen).ifPresent(why -> {
            throw ApiException.badRequest(why);
        });
        RunEntity run = new RunEntity();
        run.setProjectFile(project.projectFile().toString());
        run.setRequestedPlans(plans.stream().map(PlanId::digits).collect(Collectors.joining(",")));
        run.setWorkers(String.join(",", workerNames));
        run.setNumCores(request.numCores());
        run.setClearGeompre(Boolean.TRUE.equals(request.clearGeompre()));
        run.setForceGeompre(Boolean.TRUE.equals(request.forceGeompre()));
        // ras-commander's copy_geometry_outputs is on unless asked otherwise
        run.setCopyGeometryOutputs(!Boolean.FALSE.equals(request.copyGeometryOutputs()));
        run.setAutoclean(!Boolean.FALSE.equals(request.autoclean()));
        run.setMaxAttempts(Objects.requireNonNullElse(request.maxAttempts(), 2));
        run.setTimeoutMinutes(Objects.requireNonNullElse(request.timeoutMinutes(), 480));
        // a run request runs what it names unless it asks to skip (README, "Skipping plans whose results are current")
        run.setSkipCurrent(Boolean.TRUE.equals(request.skipCurrent()));
        run.setForce(Boolean.TRUE.equals(request.force()));
        run.setMaxConcurrent(request.maxConcurrent());
        run.setPriority(Objects.requireNonNullElse(request.priority(), 0));
        run.setStartedBy(user);
        run.setStatus("STARTING");
        return new NewRun(run, plans);
    }

    static PlanId parsePlan(String text) {
        try {
            return PlanId.parse(text);
        } catch (ProjectException e) {
            throw ApiException.badRequest("plans: " + e.getMessage());
        }
    }

    private static List<PlanId> plans(List<String> requested, RasProject project) {
        if (requested == null) {
            List<PlanId> all = project.planIds();
            if (all.isEmpty()) {
                throw ApiException.badRequest("project " + project.projectFile() + " lists no plans");
            }
            return all;
        }
        if (requested.isEmpty()) {
            throw ApiException.badRequest("plans is empty: leave it out to run every plan, or list plan ids such as \"01\"");
        }
        Set<PlanId> ids = new LinkedHashSet<>();
        for (String text : requested) {
            ids.add(parsePlan(text));
        }
        try {
            ids.forEach(project::plan);
            for (PlanId id : ids) {
                project.filesFor(id).requireComplete();
            }
        } catch (ProjectException e) {
            throw ApiException.badRequest("plans: " + e.getMessage());
        }
        return List.copyOf(ids);
    }

    private static RasProject project(String requested, ProjectRoots roots) {
        java.nio.file.Path path = roots.check(requested);
        try {
            return RasProject.open(path);
        } catch (ProjectException e) {
            throw ApiException.badRequest("project: " + e.getMessage());
        }
    }

    private static List<String> workers(List<String> requested, WorkerStore workers) {
        List<WorkerSpec> enabled = workers.list().stream().filter(WorkerSpec::enabled).toList();
        if (requested == null) {
            if (enabled.isEmpty()) {
                throw ApiException.badRequest("workers: none is given and no enabled worker is configured; add one with POST /api/workers");
            }
            return List.of();
        }
        if (requested.isEmpty()) {
            throw ApiException.badRequest("workers is empty: leave it out to use every enabled worker");
        }
        for (String name : requested) {
            WorkerSpec spec = workers.find(name).orElseThrow(() -> ApiException.badRequest("workers: no worker named '"
                    + name + "'; configured: " + enabled.stream().map(WorkerSpec::name).collect(Collectors.joining(", "))));
            if (!spec.enabled()) {
                throw ApiException.badRequest("workers: worker '" + name + "' is disabled");
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }
}
