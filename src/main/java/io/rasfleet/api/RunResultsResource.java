package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.results.MaxWaterSurface;
import io.rasfleet.results.ResultFileException;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a run's plans produced: the results table, a plan's compute messages, the maximum water
 * surface. The class sits at {@code runs}, as {@link RunsResource} does, and each method carries the
 * rest of its path: JAX-RS first picks the root classes whose path matches best, so a class at
 * {@code runs/{id}} would hide {@code RunsResource}'s {@code runs/{id}/stop}, and one at {@code ""}
 * would never be picked for {@code runs/...}.
 */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@SecurityRequirement(name = "basic")
@APIResponse(responseCode = "401", description = "no or wrong user (BASIC, ApplicationRealm)")
@APIResponse(responseCode = "403", description = "the user's role may not do this")
public class RunResultsResource {

    @Inject
    RunReads reads;

    @Operation(summary = "A plan's HEC-RAS compute messages", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "the messages as text")
    @APIResponse(responseCode = "404", description = "no such run, plan or messages")
    @GET
    @Path("{id}/plans/{plan}/messages")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({"viewer", "operator", "admin"})
    public String messages(@Parameter(description = "the run's id") @PathParam("id") String id,
            @Parameter(description = "the plan number, e.g. 01") @PathParam("plan") String plan) {
        RunEntity run = find(id);
        PlanId planId = NewRun.parsePlan(plan);
        if (run.getPlans().stream().noneMatch(p -> p.getPlan().equals(planId.digits()))) {
            throw ApiException.notFound("run " + run.getId() + " has no plan " + planId);
        }
        return reads.lastMessages(run.getId(), planId.digits())
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
        for (PlanRunEntity plan : run.getPlans()) {
            if (plan.getState() != PlanRunEntity.State.SUCCEEDED || plan.getHdfPath() == null) {
                continue;
            }
            try {
                if (units.isEmpty()) {
                    units = java.util.Objects.requireNonNullElse(MaxWaterSurface.units(java.nio.file.Path.of(plan.getHdfPath())), "");
                }
                plans.add(Map.of("plan", plan.getPlan(), "title", plan.getTitle() == null ? "" : plan.getTitle(),
                        "sections", MaxWaterSurface.read(java.nio.file.Path.of(plan.getHdfPath()))));
            } catch (ResultFileException e) {
                unreadable.add(Map.of("plan", plan.getPlan(), "reason", e.getMessage()));
            }
        }
        return Map.of("run", run.getId(), "units", units, "plans", plans, "unreadable", unreadable);
    }

    private List<Map<String, Object>> resultsRows(String id) {
        long runId = RunsResource.runId(id);
        return ResultsTable.rows(reads.findWithAttempts(runId).orElseThrow(() -> ApiException.notFound("no run " + runId)));
    }

    private RunEntity find(String id) {
        long runId = RunsResource.runId(id);
        return reads.find(runId).orElseThrow(() -> ApiException.notFound("no run " + runId));
    }
}
