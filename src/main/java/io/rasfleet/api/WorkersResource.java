package io.rasfleet.api;

import io.rasfleet.worker.Workers;
import io.rasfleet.schedule.BatchThreadPool;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.WorkerJson;
import io.rasfleet.worker.WorkerSpec;
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
public class WorkersResource {

    @Inject
    WorkerStore workers;

    @Context
    UriInfo uri;

    @Inject
    io.rasfleet.schedule.ServerSlots slots;

    @Inject
    LiveEvents live;

    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    public String list() {
        java.util.Set<String> unhealthy = slots.pool().unhealthy();
        JsonArrayBuilder answer = Json.createArrayBuilder();
        workers.list().forEach(spec -> answer.add(answer(spec, !unhealthy.contains(spec.name()))));
        return answer.build().toString();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({"viewer", "operator", "admin"})
    public String get(@PathParam("name") String name) {
        return answer(find(name), !slots.pool().unhealthy().contains(name)).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response create(String body) {
        WorkerSpec spec = WorkerJson.parse(body(body));
        if (workers.find(spec.name()).isPresent()) {
            throw ApiException.conflict("a worker named '" + spec.name() + "' exists; change it with PUT /api/workers/" + spec.name());
        }
        workers.save(spec);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return Response.created(uri.getBaseUriBuilder().path("workers").path(spec.name()).build())
                .entity(WorkerJson.write(spec).toString()).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public String replace(@PathParam("name") String name, String body) {
        JsonObject json = body(body);
        if (!json.containsKey("name") || json.isNull("name")) {
            json = Json.createObjectBuilder(json).add("name", name).build();
        }
        WorkerSpec spec = WorkerJson.parse(json);
        if (!name.equals(spec.name())) {
            throw ApiException.badRequest("name '" + spec.name() + "' in the body differs from '" + name + "' in the path");
        }
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
    @org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "workers")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Import a workers file such as ras-commander's RemoteWorkers.json")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400", description = "the file is not a JSON array of workers nor an object with one in \"workers\"")
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
        return Map.of("saved", contents.workers().stream().map(WorkerSpec::name).toList(), "refused", contents.refused());
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        if (!workers.delete(name)) {
            throw ApiException.notFound("no worker named '" + name + "'");
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/check")
    @RolesAllowed({"operator", "admin"})
    public Map<String, Object> check(@PathParam("name") String name) {
        CheckReport report = Workers.of(find(name)).check();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("worker", report.worker());
        view.put("ok", report.ok());
        List<Map<String, Object>> items = new ArrayList<>();
        for (CheckReport.Item item : report.items()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("what", item.what());
            i.put("ok", item.ok());
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
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw ApiException.badRequest("the request body is not the JSON expected: " + ErrorMappers.rootMessage(e));
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("the request body must be a JSON object describing the worker");
        }
        return object;
    }

    private static JsonObject answer(WorkerSpec spec, boolean healthy) {
        return Json.createObjectBuilder(WorkerJson.write(spec)).add(WorkerJson.HEALTHY, healthy).build();
    }
}
