package io.rasfleet.api;

import io.rasfleet.worker.Workers;
import io.rasfleet.schedule.BatchThreadPool;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingsSchema;
import io.rasfleet.worker.WorkerJson;
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
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manage the worker pool: read for viewers, change for admins. */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workers", description = "the machines that run plans, their slots and health")
@SecurityRequirement(name = "basic")
// on every operation: the API asks every call for a user, and @RolesAllowed for one of the roles named
@APIResponse(responseCode = "401", description = "no or wrong user (BASIC, ApplicationRealm)")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
public class WorkersResource {

    @Inject
    WorkerStore workers;

    @Context
    UriInfo uri;

    @Inject
    io.rasfleet.schedule.ServerSlots slots;

    @Inject
    LiveEvents live;

    @Context
    jakarta.ws.rs.sse.Sse sse;

    /** Server-sent events: every worker with its health, slots and their holders, whenever that changed; the current one first. */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "Follow the workers live: server-sent events 'workers', each every worker with health, slots and their holders",
            description = "Roles: viewer, operator, admin. The first event is the workers as they are now.")
    public void events(@Context jakarta.ws.rs.sse.SseEventSink sink) {
        live.stream(LiveEvents.WORKERS, "workers", sink, sse);
    }

    @Operation(summary = "List workers with slots and health", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the workers")
    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    public String list() {
        java.util.Set<String> unhealthy = slots.pool().unhealthy();
        JsonArrayBuilder answer = Json.createArrayBuilder();
        workers.list().forEach(spec -> answer.add(answer(spec, !unhealthy.contains(spec.name()))));
        return answer.build().toString();
    }

    @Operation(summary = "The worker types and the fields each takes",
            description = "Roles: viewer, operator, admin. {\"types\": [{\"type\", \"fields\": [{\"name\", \"type\", \"required\","
                    + " \"default\", \"min\", \"max\", \"values\", \"help\"}]}]}: the rules the server reads workers by.")
    @APIResponse(responseCode = "200", description = "the types and their fields")
    @GET
    @Path("types")
    @RolesAllowed({"viewer", "operator", "admin"})
    public String types() {
        return SettingsSchema.types().toString();
    }

    @Operation(summary = "One worker", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the worker")
    @APIResponse(responseCode = "404", description = "no such worker")
    @GET
    @Path("{name}")
    @RolesAllowed({"viewer", "operator", "admin"})
    public String get(@Parameter(description = "the worker's name") @PathParam("name") String name) {
        return answer(find(name), !slots.pool().unhealthy().contains(name)).toString();
    }

    @Operation(summary = "Add workers", description = "Roles: admin.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "Worker")),
        description = "one worker as in ras-commander's RemoteWorkers.json, or {\"workers\": [...]}")
    @APIResponse(responseCode = "201", description = "created; Location names the worker")
    @APIResponse(responseCode = "400", description = "a field refused, named in the message")
    @APIResponse(responseCode = "409", description = "a worker of that name exists")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response create(String body) {
        WorkerJson.Read read = WorkerJson.read(body(body));
        WorkerSpec spec = read.spec();
        if (workers.find(spec.name()).isPresent()) {
            throw ApiException.conflict("a worker named '" + spec.name() + "' exists; change it with PUT /api/workers/" + spec.name());
        }
        read.keepPassword(io.rasfleet.worker.Secrets.current());
        workers.save(spec);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return Response.created(uri.getBaseUriBuilder().path("workers").path(spec.name()).build())
                .entity(WorkerJson.write(spec).toString()).build();
    }

    @Operation(summary = "Replace a worker's settings", description = "Roles: admin.")
    @RequestBody(description = "all of the worker's settings; its name must be the path's",
        content = @Content(mediaType = "application/json", schema = @Schema(ref = "Worker")))
    @APIResponse(responseCode = "200", description = "the worker as stored")
    @APIResponse(responseCode = "400", description = "a field refused, or the body's name differs from the path's")
    @APIResponse(responseCode = "404", description = "no such worker")
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public String replace(@Parameter(description = "the worker's name") @PathParam("name") String name, String body) {
        JsonObject json = body(body);
        if (!json.containsKey("name") || json.isNull("name")) {
            json = Json.createObjectBuilder(json).add("name", name).build();
        }
        WorkerJson.Read read = WorkerJson.read(json);
        WorkerSpec spec = read.spec();
        if (!name.equals(spec.name())) {
            throw ApiException.badRequest("name '" + spec.name() + "' in the body differs from '" + name + "' in the path");
        }
        read.keepPassword(io.rasfleet.worker.Secrets.current());
        workers.save(spec);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return WorkerJson.write(spec).toString();
    }

    /**
     * Adds or replaces the workers of an uploaded workers file (ras-commander's {@code RemoteWorkers.json}
     * or an array of workers); each entry is taken or refused on its own, the refusal naming the field.
     */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Import a workers file such as ras-commander's RemoteWorkers.json",
            description = "Roles: admin. Each entry is saved or refused on its own, the refusal naming the field.")
    @APIResponse(responseCode = "200", description = "{\"saved\": [names], \"refused\": [messages], \"ignored\": [\"worker: key: why\"]}")
    @APIResponse(responseCode = "400", description = "the file is not a JSON array of workers nor an object with one in \"workers\"")
    public Map<String, Object> importFile(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the workers file is empty");
        }
        WorkerFile.Contents contents;
        try {
            contents = WorkerFile.parse(body, "the uploaded workers file");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        contents.workers().forEach(workers::save);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return Map.of("saved", contents.workers().stream().map(WorkerSpec::name).toList(), "refused", contents.refused(),
                "ignored", contents.ignored());
    }

    @Operation(summary = "Delete a worker", description = "Roles: admin.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", description = "no such worker")
    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Response delete(@Parameter(description = "the worker's name") @PathParam("name") String name) {
        if (!workers.delete(name)) {
            throw ApiException.notFound("no worker named '" + name + "'");
        }
        return Response.noContent().build();
    }

    @Operation(summary = "Check a worker now and report its health", description = "Roles: operator, admin.")
    @APIResponse(responseCode = "200", description = "the check's report")
    @APIResponse(responseCode = "404", description = "no such worker")
    @POST
    @Path("{name}/check")
    @RolesAllowed({"operator", "admin"})
    public Map<String, Object> check(@Parameter(description = "the worker's name") @PathParam("name") String name) {
        CheckReport report = Workers.of(find(name)).check();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("worker", report.worker());
        view.put("ok", report.ok());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CheckReport.Item item : report.items()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("what", item.what());
            i.put("ok", item.ok());
            if (item.warning()) {
                i.put("warning", true);
            }
            i.put("detail", item.detail());
            items.add(i);
        }
        view.put("checks", items);
        live.checked(name, view);
        return view;
    }

    private WorkerSpec find(String name) {
        return workers.find(name).orElseThrow(() -> ApiException.notFound("no worker named '" + name + "'"));
    }

    /** The worker a request describes, as a JSON object; anything else is refused before a field is read. */
    private static JsonObject body(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body describing the worker is required");
        }
        JsonValue value = JsonFields.readValue(body, "the request body");
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("the request body must be a JSON object describing the worker");
        }
        return object;
    }

    private static JsonObject answer(WorkerSpec spec, boolean healthy) {
        return Json.createObjectBuilder(WorkerJson.write(spec)).add(WorkerJson.HEALTHY, healthy).build();
    }
}
