package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.WorkerSpec;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

    @Inject
    RunStore runs;

    @Inject
    RunReads reads;

    @Inject
    RunLauncher launcher;

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
        schema = @Schema(implementation = RunRequest.class)))
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
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        RunLauncher.Launched run = launcher.start(NewRun.of(RunRequest.read(body), settings.roots(), workers, user));
        live.changed(run.id());
        return Response.accepted(Map.of("id", run.id(), "jobExecutionId", run.jobExecutionId(), "status", "STARTING"))
                .location(uri.getBaseUriBuilder().path("runs").path(Long.toString(run.id())).build()).build();
    }

    @Operation(summary = "List runs, newest first, a page at a time", description = "Roles: viewer, operator, admin."
            + " Headers: X-Total-Count (all runs), Link rel=\"next\" while older runs exist, ETag (If-None-Match answers 304)."
            + " The first page of 50 is what GET /runs/events sends.")
    @APIResponse(responseCode = "200", description = "the runs of the page")
    @APIResponse(responseCode = "304", description = "the page is the one named by If-None-Match")
    @APIResponse(responseCode = "400", description = "limit or before is not a number in range")
    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    public Response list(@Parameter(description = "runs per page, 1..500 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "a run id: only runs older than it") @QueryParam("before") String before,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int size = limit == null ? LiveEvents.PAGE : (int) whole("limit", limit, 1, 500);
        Long older = before == null ? null : whole("before", before, 1, Long.MAX_VALUE);
        String topic = LiveEvents.runsTopic(size, older);
        LiveFeed.Snapshot page = live.read(topic);
        LiveEvents.PageInfo info = live.pageInfo(topic);
        Response.ResponseBuilder answer = answer(page, ifNoneMatch).header("X-Total-Count", info.total());
        if (info.next() != null) {
            answer.header("Link", "<" + uri.getBaseUriBuilder().path("runs").queryParam("limit", size)
                    .queryParam("before", info.next()).build() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** 200 with the snapshot's bytes, or 304 when the client has them already; either way with their tag. */
    private static Response.ResponseBuilder answer(LiveFeed.Snapshot snapshot, String ifNoneMatch) {
        Response.ResponseBuilder answer = ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip).anyMatch(tag -> tag.equals(snapshot.etag()) || tag.equals("*"))
                ? Response.notModified() : Response.ok(snapshot.data(), MediaType.APPLICATION_JSON_TYPE);
        // caches may keep it, and must ask again before each use: a run changes every second
        return answer.header(HttpHeaders.ETAG, snapshot.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private static long whole(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
    }

    /** Server-sent events: the run list as {@code GET /runs} shows it, whenever it changed; the current one first. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "Follow the run list live: server-sent events 'runs', each the first page of GET /runs (50 runs)",
            description = "Roles: viewer, operator, admin. The first event is the page as it is now.")
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
    @APIResponse(responseCode = "200", description = "the run, as its event stream last sent it (at most a second old); with an ETag")
    @APIResponse(responseCode = "304", description = "the run is as the If-None-Match tag names it")
    @APIResponse(responseCode = "404", description = "no such run")
    @GET
    @Path("{id}")
    @RolesAllowed({"viewer", "operator", "admin"})
    public Response get(@Parameter(description = "the run's id") @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        long runId = runId(id);
        LiveFeed.Snapshot run = live.read(LiveEvents.runTopic(runId));
        if (run.data().equals(LiveEvents.gone(runId))) {
            throw ApiException.notFound("no run " + id);
        }
        return answer(run, ifNoneMatch).build();
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
        launcher.stop(run);
        live.changed(run.getId());
        return Response.accepted(Map.of("id", run.getId(), "status", "STOPPING")).build();
    }

    @Operation(summary = "Restart a stopped or failed run", description = "Roles: operator, admin.")
    @RequestBody(description = "empty, or {\"maxAttempts\": n}", content = @Content(mediaType = "application/json",
        schema = @Schema(implementation = RestartRequest.class)))
    @APIResponse(responseCode = "202", description = "restarting; the new job execution")
    @APIResponse(responseCode = "400", description = "maxAttempts out of range or below the run's")
    @APIResponse(responseCode = "404", description = "no such run")
    @APIResponse(responseCode = "409", description = "the run cannot be restarted now, or runs on another server")
    @POST
    @Path("{id}/restart")
    @RolesAllowed({"operator", "admin"})
    public Response restart(@Parameter(description = "the run's id") @PathParam("id") String id, String body) {
        // a restart runs the run's own request again: a field such as "plans" would be silently ignored.
        Integer maxAttempts = RestartRequest.read(body, "POST /runs/" + id + "/restart").maxAttempts();
        RunLauncher.Launched run = launcher.restart(JobStatus.refresh(runs, find(id)), maxAttempts);
        live.changed(run.id());
        return Response.accepted(Map.of("id", run.id(), "jobExecutionId", run.jobExecutionId(), "status", "STARTING")).build();
    }

    private RunEntity find(String id) {
        long runId = runId(id);
        return reads.find(runId).orElseThrow(() -> ApiException.notFound("no run " + runId));
    }

    static long runId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no run '" + id + "': run ids are numbers");
        }
    }
}
