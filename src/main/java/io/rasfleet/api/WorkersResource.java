package io.rasfleet.api;

import io.rasfleet.worker.Workers;
import io.rasfleet.schedule.BatchThreadPool;
import io.rasfleet.store.WorkerStore;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.WorkerSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    public List<WorkerJson> list() {
        java.util.Set<String> unhealthy = slots.pool().unhealthy();
        return workers.list().stream().map(spec -> WorkerJson.of(spec).withHealth(!unhealthy.contains(spec.name()))).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({"viewer", "operator", "admin"})
    public WorkerJson get(@PathParam("name") String name) {
        return WorkerJson.of(find(name)).withHealth(!slots.pool().unhealthy().contains(name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response create(WorkerJson body) {
        WorkerSpec spec = body(body).toSpec();
        if (workers.find(spec.name()).isPresent()) {
            throw ApiException.conflict("a worker named '" + spec.name() + "' exists; change it with PUT /api/workers/" + spec.name());
        }
        workers.save(spec);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return Response.created(uri.getBaseUriBuilder().path("workers").path(spec.name()).build())
                .entity(WorkerJson.of(spec)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public WorkerJson replace(@PathParam("name") String name, WorkerJson body) {
        WorkerJson json = body(body);
        if (json.name == null) {
            json.name = name;
        }
        if (!name.equals(json.name)) {
            throw ApiException.badRequest("name '" + json.name + "' in the body differs from '" + name + "' in the path");
        }
        WorkerSpec spec = json.toSpec();
        workers.save(spec);
        BatchThreadPool.fit(StartupSetup.enabledSlots(workers.list()));
        return WorkerJson.of(spec);
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
        return view;
    }

    private WorkerSpec find(String name) {
        return workers.find(name).orElseThrow(() -> ApiException.notFound("no worker named '" + name + "'"));
    }

    private static WorkerJson body(WorkerJson body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body describing the worker is required");
        }
        return body;
    }
}
