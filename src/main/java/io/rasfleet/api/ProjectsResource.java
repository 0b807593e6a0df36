package io.rasfleet.api;

import io.rasfleet.project.Plan;
import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The HEC-RAS projects a run may be started on. */
@Path("projects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "basic")
public class ProjectsResource {

    @Inject
    ServerSettings settings;

    @Inject
    io.rasfleet.store.RunReads reads;

    @GET
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "The HEC-RAS projects (.prj) under RASFLEET_PROJECT_ROOTS with their plans, and the roots searched",
            description = "Roles: viewer, operator, admin. Looks up to 4 folders deep; a .prj that is no HEC-RAS project is left out.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "roots and projects")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401",
            description = "no or wrong user (BASIC, ApplicationRealm)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "403",
            description = "the user's role may not do this")
    public Map<String, Object> list() {
        return Map.of("roots", settings.roots().roots().stream().map(Object::toString).toList(),
                "projects", ProjectFinder.find(settings.roots().roots(), 4).stream().map(ProjectsResource::view).toList());
    }

    @GET
    @Path("plans")
    @RolesAllowed({"viewer", "operator", "admin"})
    @Operation(summary = "A project's plans, each with its last result in rasfleet and whether its results file is current",
            description = "Roles: viewer, operator, admin. {\"project\", \"plans\": [{\"id\", \"title\", \"flow\", \"lastResult\":"
                    + " {\"run\", \"state\" (SUCCEEDED or FAILED), \"endedAt\"} or null, \"current\", \"currentReason\"}]}."
                    + " lastResult: the latest run of this .prj in which the plan succeeded or failed; current: the plan's .pNN.hdf"
                    + " is a successful result newer than every input, the rule of a run's skipCurrent.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "the project's plans")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400",
            description = "no project, not under the allowed roots, or not a HEC-RAS project")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401",
            description = "no or wrong user (BASIC, ApplicationRealm)")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "403",
            description = "the user's role may not do this")
    public Map<String, Object> plans(@org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
            description = "the project's .prj as GET /projects lists it") @jakarta.ws.rs.QueryParam("project") String project) {
        try {
            RasProject opened = RasProject.open(settings.roots().check(project));
            return ProjectPlans.view(opened, reads.lastResults(opened.projectFile().toString()));
        } catch (ProjectException e) {
            throw ApiException.badRequest("project: " + e.getMessage());
        }
    }

    /** A project with its plans; one whose plans cannot be read is listed with why and no plans, never hiding the others. */
    private static Map<String, Object> view(RasProject project) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("project", project.projectFile().toString());
        view.put("name", project.name());
        view.put("title", project.title() == null ? "" : project.title());
        try {
            view.put("plans", project.plans().stream().map(ProjectsResource::plan).toList());
        } catch (io.rasfleet.project.ProjectException e) {
            view.put("plans", List.of());
            view.put("error", e.getMessage());
        }
        return view;
    }

    private static Map<String, Object> plan(Plan plan) {
        return Map.of("id", plan.id().digits(), "title", plan.title() == null ? "" : plan.title(),
                "flow", plan.flowKind() == null ? "" : plan.flowKind().name());
    }
}
