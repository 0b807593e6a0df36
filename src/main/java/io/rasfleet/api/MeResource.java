package io.rasfleet.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller is: the page shows operators' and admins' controls only to them (the API enforces it anyway). */
@Tag(name = "me")
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "basic")
@Path("me")
@RequestScoped
public class MeResource {

    @Context
    SecurityContext security;

    @Operation(summary = "The caller's user name and roles", description = "Roles: viewer, operator, admin.")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "{\"user\", \"roles\"}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "401",
            description = "no or wrong user (BASIC, ApplicationRealm)")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"viewer", "operator", "admin"})
    public Map<String, Object> me() {
        List<String> roles = Stream.of("viewer", "operator", "admin").filter(security::isUserInRole).toList();
        return Map.of("user", security.getUserPrincipal().getName(), "roles", roles);
    }
}
