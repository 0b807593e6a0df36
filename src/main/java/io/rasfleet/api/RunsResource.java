package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.WorkerSpec;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/** Start, watch, stop and restart runs. */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "start, watch, stop and restart runs of HEC-RAS plans")
@SecurityRequirement(name = "basic")
// on every operation: the API asks every call for a user, and @RolesAllowed for one of the roles named
@APIResponse(responseCode = "401", description = "no or wrong user (BASIC, ApplicationRealm)")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
public class RunsResource {

    static final String JOB = "ras-run";

    @Inject
    RunStore runs;

    @Inject
    WorkerStore workers;

    @Inject
    ServerSettings settings;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @Inject
    LiveEvents live;

    @Context
    jakarta.ws.rs.sse.Sse sse;

    @Operation(summary = "Start a run of a project's plans on the workers", description = "Roles: operator, admin.")
    @RequestBody(description = "the run to start; unknown fields are refused", content = @Content(mediaType = "application/json",
        schema = @Schema(type = SchemaType.OBJECT, properties = {
            @SchemaProperty(name = "project", type = SchemaType.STRING, description = "path of a .prj file or its folder, under RASFLEET_PROJECT_ROOTS (required)"),
            @SchemaProperty(name = "plans", type = SchemaType.ARRAY, description = "plan numbers such as [\"01\", \"3\"]; all plans when absent"),
            @SchemaProperty(name = "workers", type = SchemaType.ARRAY, description = "worker names; all enabled workers when absent"),
            @SchemaProperty(name = "numCores", type = SchemaType.INTEGER, description = "cores per plan, 0..256"),
            @SchemaProperty(name = "clearGeompre", type = SchemaType.BOOLEAN, description = "delete .c## files first"),
            @SchemaProperty(name = "autoclean", type = SchemaType.BOOLEAN, description = "remove staged copies after the run (default true)"),
            @SchemaProperty(name = "maxAttempts", type = SchemaType.INTEGER, description = "attempts per plan, 1..10 (default 2)"),
            @SchemaProperty(name = "timeoutMinutes", type = SchemaType.INTEGER, description = "time limit per attempt"),
            @SchemaProperty(name = "skipCurrent", type = SchemaType.BOOLEAN, description = "skip plans whose results are current"),
            @SchemaProperty(name = "force", type = SchemaType.BOOLEAN, description = "run plans even when their results are current")})))
    @APIResponse(responseCode = "202", description = "accepted; the run's id and job execution")
    @APIResponse(responseCode = "400", description = "bad JSON or a field refused, named in the message")
    @APIResponse(responseCode = "409", description = "the plans or workers cannot be used now")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Response start(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required, at least {\"project\": \"<path of .prj or its folder>\"}");
        }
        RunRequest request = RunRequest.read(body);
        RasProject project = project(request.project());
        List<PlanId> plans = plans(request.plans(), project);
        List<String> workerNames = workers(request.workers());
        RunEntity run = new RunEntity();
        run.setProjectFile(project.projectFile().toString());
        run.setRequestedPlans(plans.stream().map(PlanId::digits).collect(Collectors.joining(",")));
        run.setWorkers(String.join(",", workerNames));
        run.setNumCores(request.numCores());
        run.setClearGeompre(Boolean.TRUE.equals(request.clearGeompre()));
        run.setAutoclean(!Boolean.FALSE.equals(request.autoclean()));
        run.setMaxAttempts(Objects.requireNonNullElse(request.maxAttempts(), 2));
        run.setTimeoutMinutes(Objects.requireNonNullElse(request.timeoutMinutes(), 480));
        // a run request runs what it names unless it asks to skip (README, "Skipping plans whose results are current")
        run.setSkipCurrent(Boolean.TRUE.equals(request.skipCurrent()));
        run.setForce(Boolean.TRUE.equals(request.force()));
        run.setMaxConcurrent(request.maxConcurrent());
        run.setPriority(Objects.requireNonNullElse(request.priority(), 0));
        run.setStartedBy(security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName());
        run.setStatus("STARTING");
        synchronized (RunsResource.class) {
            refuseOverlap(run.getProjectFile(), plans);
            runs.create(run);
        }
        Properties parameters = new Properties();
        parameters.setProperty("runId", Long.toString(run.getId()));
        long execution = operator().start(JOB, parameters);
        runs.job(run.getId(), execution, operator().getJobInstance(execution).getInstanceId(), "STARTING");
        return Response.accepted(Map.of("id", run.getId(), "jobExecutionId", execution, "status", "STARTING"))
                .location(uri.getBaseUriBuilder().path("runs").path(Long.toString(run.getId())).build()).build();
    }

    @Operation(summary = "List runs, newest first", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the runs")
    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    public List<Map<String, Object>> list() {
        return RunViews.list(runs);
    }

    /** Server-sent events: the run list as {@code GET /runs} shows it, whenever it changed; the current one first. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "Follow the run list live: server-sent events 'runs', each every run as GET /runs shows it",
            description = "Roles: viewer, operator, admin. The first event is the list as it is now.")
    public void listEvents(@Context jakarta.ws.rs.sse.SseEventSink sink) {
        live.stream(LiveEvents.RUNS, "runs", sink, sse);
    }

    /** Server-sent events: the run as {@code GET /runs/{id}} shows it, whenever it changed; the current one first. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "Follow a run live: server-sent events 'run', each the whole run with its plans and attempts",
            description = "Roles: viewer, operator, admin. The first event is the run as it is now.")
    @APIResponse(responseCode = "404", description = "no such run")
    public void events(@Parameter(description = "the run's id") @PathParam("id") String id, @Context jakarta.ws.rs.sse.SseEventSink sink) {
        live.stream(LiveEvents.runTopic(find(id).getId()), "run", sink, sse);
    }

    @Operation(summary = "A run with its plans, attempts and progress", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the run")
    @APIResponse(responseCode = "404", description = "no such run")
    @GET
    @Path("{id}")
    @RolesAllowed({"viewer", "operator", "admin"})
    public Map<String, Object> get(@Parameter(description = "the run's id") @PathParam("id") String id) {
        RunStore.RunForView view = runs.findForView(runId(id)).orElseThrow(() -> ApiException.notFound("no run " + id));
        RunEntity run = refresh(view.run());
        return RunViews.run(new RunStore.RunForView(run, view.attempts()));
    }

    @Operation(summary = "Stop a running run", description = "Roles: operator, admin.")
    @RequestBody(description = "empty or {}", content = @Content(mediaType = "application/json",
        schema = @Schema(type = SchemaType.OBJECT, properties = {
})))
    @APIResponse(responseCode = "202", description = "stopping")
    @APIResponse(responseCode = "400", description = "the body has fields (stop takes none)")
    @APIResponse(responseCode = "404", description = "no such run")
    @APIResponse(responseCode = "409", description = "the run is not running")
    @POST
    @Path("{id}/stop")
    @RolesAllowed({"operator", "admin"})
    public Response stop(@Parameter(description = "the run's id") @PathParam("id") String id, String body) {
        JsonBody.parse(body, "POST /runs/" + id + "/stop", List.of());
        RunEntity run = find(id);
        try {
            operator().stop(run.getJobExecutionId());
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            throw ApiException.conflict("run " + run.getId() + " is not running (" + run.getStatus() + ")");
        }
        return Response.accepted(Map.of("id", run.getId(), "status", "STOPPING")).build();
    }

    @Operation(summary = "Restart a stopped or failed run", description = "Roles: operator, admin.")
    @RequestBody(description = "empty, or {\"maxAttempts\": n}", content = @Content(mediaType = "application/json",
        schema = @Schema(type = SchemaType.OBJECT, properties = {
            @SchemaProperty(name = "maxAttempts", type = SchemaType.INTEGER, description = "raise the attempts per plan, 1..100")})))
    @APIResponse(responseCode = "202", description = "restarting; the new job execution")
    @APIResponse(responseCode = "400", description = "maxAttempts out of range or below the run's")
    @APIResponse(responseCode = "404", description = "no such run")
    @APIResponse(responseCode = "409", description = "the run cannot be restarted now, or runs on another server")
    @POST
    @Path("{id}/restart")
    @RolesAllowed({"operator", "admin"})
    public Response restart(@Parameter(description = "the run's id") @PathParam("id") String id, String body) {
        // a restart runs the run's own request again: a field such as "plans" would be silently ignored.
        // maxAttempts counts every attempt of a plan across restarts; raising it is how a plan that used
        // them all gets another go.
        Integer maxAttempts = JsonBody.parse(body, "POST /runs/" + id + "/restart", List.of("maxAttempts"))
                .whole("maxAttempts", 1, 100);
        RunEntity run = refresh(find(id));
        runs.runningElsewhere(run.getId()).ifPresent(why -> {
            throw ApiException.conflict("run " + run.getId() + " cannot be restarted here: " + why
                    + "; wait until that server ends it, or until its lease expires if it has died");
        });
        if (maxAttempts != null) {
            if (maxAttempts < run.getMaxAttempts()) {
                throw ApiException.badRequest("maxAttempts " + maxAttempts + " is below the run's " + run.getMaxAttempts()
                        + ": a restart may raise it, never lower it");
            }
            runs.maxAttempts(run.getId(), maxAttempts);
        }
        Properties parameters = new Properties();
        parameters.setProperty("runId", Long.toString(run.getId()));
        long execution;
        try {
            execution = operator().restart(run.getJobExecutionId(), parameters);
        } catch (JobRestartException | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw ApiException.conflict("run " + run.getId() + " cannot be restarted now (" + run.getStatus() + "): "
                    + e.getMessage());
        }
        runs.job(run.getId(), execution, null, "STARTING");
        return Response.accepted(Map.of("id", run.getId(), "jobExecutionId", execution, "status", "STARTING")).build();
    }

    @Operation(summary = "A plan's HEC-RAS compute messages", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the messages as text")
    @APIResponse(responseCode = "404", description = "no such run, plan or messages")
    @GET
    @Path("{id}/plans/{plan}/messages")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({"viewer", "operator", "admin"})
    public String messages(@Parameter(description = "the run's id") @PathParam("id") String id, @Parameter(description = "the plan number, e.g. 01") @PathParam("plan") String plan) {
        RunEntity run = find(id);
        PlanId planId = parsePlan(plan);
        if (run.getPlans().stream().noneMatch(p -> p.getPlan().equals(planId.digits()))) {
            throw ApiException.notFound("run " + run.getId() + " has no plan " + planId);
        }
        return runs.lastMessages(run.getId(), planId.digits())
                .orElseThrow(() -> ApiException.notFound("plan " + planId + " of run " + run.getId() + " has no messages yet"));
    }

    /** The run's results table (see {@link ResultsTable}) as CSV with a header row, for {@code pandas.read_csv}. */
    @Operation(summary = "The run's results table as CSV", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "CSV with a header row")
    @APIResponse(responseCode = "404", description = "no such run")
    @GET
    @Path("{id}/results.csv")
    @Produces("text/csv; charset=UTF-8")
    @RolesAllowed({"viewer", "operator", "admin"})
    public String resultsCsv(@Parameter(description = "the run's id") @PathParam("id") String id) {
        return ResultsTable.csv(resultsRows(id));
    }

    /** The same table as an array of objects with the CSV's keys, and each row's {@code unreadable} parts. */
    @Operation(summary = "The run's results table as JSON", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "one object per plan")
    @APIResponse(responseCode = "404", description = "no such run")
    @GET
    @Path("{id}/results.json")
    @RolesAllowed({"viewer", "operator", "admin"})
    public List<Map<String, Object>> resultsJson(@Parameter(description = "the run's id") @PathParam("id") String id) {
        return resultsRows(id);
    }

    /**
     * The highest water surface along the reach of each succeeded plan (one series per plan, x = river
     * station), read from the plans' result files; a plan whose file cannot be read is listed with why.
     */
    @GET
    @Path("{id}/max-water-surface")
    @RolesAllowed({"viewer", "operator", "admin"})
    @org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "runs")
    @Operation(summary = "Maximum water surface per cross section of each succeeded plan, for comparing plans",
            description = "Roles: viewer, operator, admin. Per section also the maximum flow and the hours to the peak"
                    + " water surface where the file holds them (else null), and the files' units system. A plan whose"
                    + " result file cannot be read is listed under \"unreadable\" with why.")
    @APIResponse(responseCode = "200", description = "one series per succeeded plan")
    @APIResponse(responseCode = "404", description = "no such run")
    public Map<String, Object> maxWaterSurface(@Parameter(description = "the run's id") @PathParam("id") String id) {
        RunEntity run = find(id);
        List<Map<String, Object>> plans = new ArrayList<>();
        List<Map<String, Object>> unreadable = new ArrayList<>();
        String units = "";
        for (io.rasfleet.store.PlanRunEntity plan : run.getPlans()) {
            if (plan.getState() != io.rasfleet.store.PlanRunEntity.State.SUCCEEDED || plan.getHdfPath() == null) {
                continue;
            }
            try {
                if (units.isEmpty()) {
                    units = java.util.Objects.requireNonNullElse(io.rasfleet.results.MaxWaterSurface.units(java.nio.file.Path.of(plan.getHdfPath())), "");
                }
                plans.add(Map.of("plan", plan.getPlan(), "title", plan.getTitle() == null ? "" : plan.getTitle(),
                        "sections", io.rasfleet.results.MaxWaterSurface.read(java.nio.file.Path.of(plan.getHdfPath()))));
            } catch (io.rasfleet.results.ResultFileException e) {
                unreadable.add(Map.of("plan", plan.getPlan(), "reason", e.getMessage()));
            }
        }
        return Map.of("run", run.getId(), "units", units, "plans", plans, "unreadable", unreadable);
    }

    private List<Map<String, Object>> resultsRows(String id) {
        RunEntity run = find(id);
        return ResultsTable.rows(runs.findWithAttempts(run.getId()).orElse(run));
    }

    private RunEntity find(String id) {
        long runId = runId(id);
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("no run " + runId));
    }

    private static long runId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no run '" + id + "': run ids are numbers");
        }
    }

    /** The store's status follows JBeret's, which knows about stops and crashes we did not see. */
    private RunEntity refresh(RunEntity run) {
        return JobStatus.refresh(runs, run);
    }

    private List<PlanId> plans(List<String> requested, RasProject project) {
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

    private RasProject project(String requested) {
        java.nio.file.Path path = settings.roots().check(requested);
        try {
            return RasProject.open(path);
        } catch (ProjectException e) {
            throw ApiException.badRequest("project: " + e.getMessage());
        }
    }

    private static PlanId parsePlan(String text) {
        try {
            return PlanId.parse(text);
        } catch (ProjectException e) {
            throw ApiException.badRequest("plans: " + e.getMessage());
        }
    }

    private List<String> workers(List<String> requested) {
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

    private void refuseOverlap(String projectFile, List<PlanId> plans) {
        Set<String> wanted = plans.stream().map(PlanId::digits).collect(Collectors.toSet());
        for (RunEntity active : runs.active()) {
            RunEntity current = refresh(active);
            if (!current.getProjectFile().equals(projectFile) || !List.of("STARTING", "STARTED", "STOPPING").contains(current.getStatus())) {
                continue;
            }
            Set<String> theirs = new LinkedHashSet<>(List.of(current.getRequestedPlans().split(",")));
            theirs.retainAll(wanted);
            if (!theirs.isEmpty()) {
                throw ApiException.conflict("run " + current.getId() + " is still writing the results of plans "
                        + String.join(", ", theirs) + " of " + projectFile);
            }
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
