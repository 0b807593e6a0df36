package io.rasfleet.api;

import jakarta.ws.rs.ApplicationPath;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import jakarta.ws.rs.core.Application;

/**
 * The REST admin API under {@code /rasfleet/api}; WEB-INF/web.xml asks every call for a user. The
 * OpenAPI document's {@code Worker} schema comes from {@link WorkerSchemas}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "rasfleet", version = "1",
        description = "Runs HEC-RAS plans over a pool of workers. Users of WildFly's ApplicationRealm with the roles "
                + "viewer (reads everything), operator (also starts, stops, restarts runs and checks workers) and "
                + "admin (also edits workers)."))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class RasfleetApplication extends Application {
}
