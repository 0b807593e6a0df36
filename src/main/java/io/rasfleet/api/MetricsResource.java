package io.rasfleet.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.rasfleet.metrics.PrometheusText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The server's meters for Prometheus, with the {@code Content-Type} of text format 0.0.4 that
 * Prometheus 3 requires (WildFly's management {@code /metrics} sends none), on the API's port and
 * behind its login: a scrape configuration gives a viewer's user and password.
 */
@Tag(name = "metrics")
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "basic")
@Path("metrics")
@RequestScoped
public class MetricsResource {

    @Inject
    MeterRegistry registry;

    @Operation(summary = "The server's meters in Prometheus text format 0.0.4", description = "Roles: viewer, operator, admin.")
    @APIResponse(responseCode = "200", description = "Content-Type: " + PrometheusText.CONTENT_TYPE)
    @APIResponse(responseCode = "401", description = "no or wrong user (BASIC, ApplicationRealm)")
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({"viewer", "operator", "admin"})
    public Response scrape() {
        return Response.ok(PrometheusText.of(registry, "")).type(PrometheusText.CONTENT_TYPE).build();
    }
}
