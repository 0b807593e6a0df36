package io.rasfleet.api;

import jakarta.ws.rs.ApplicationPath;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import jakarta.ws.rs.core.Application;

/** The REST admin API under {@code /rasfleet/api}; WEB-INF/web.xml asks every call for a user. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "rasfleet", version = "1",
        description = "Runs HEC-RAS plans over a pool of workers. Users of WildFly's ApplicationRealm with the roles "
                + "viewer (reads everything), operator (also starts, stops, restarts runs and checks workers) and "
                + "admin (also edits workers)."),
        components = @Components(schemas = @Schema(name = "Worker", type = SchemaType.OBJECT,
                description = "POST /workers also takes {\"workers\": [...]} of these", properties = {
                @SchemaProperty(name = "name", type = SchemaType.STRING, description = "unique name"),
                @SchemaProperty(name = "worker_type", type = SchemaType.STRING, description = "local, ssh, docker, psexec or slurm, and its type's own fields (hostname, credential_alias: never a password); see README, Workers"),
                @SchemaProperty(name = "worker_folder", type = SchemaType.STRING, description = "where plans are staged and run"),
                @SchemaProperty(name = "max_runtime_minutes", type = SchemaType.INTEGER, description = "time limit of one plan"),
                @SchemaProperty(name = "process_priority", type = SchemaType.STRING, description = "priority of HEC-RAS processes"),
                @SchemaProperty(name = "queue_priority", type = SchemaType.INTEGER, description = "lower numbers get plans first"),
                @SchemaProperty(name = "autoclean", type = SchemaType.BOOLEAN, description = "remove staged copies after a plan"),
                @SchemaProperty(name = "cores_total", type = SchemaType.INTEGER, description = "cores of the machine"),
                @SchemaProperty(name = "cores_per_plan", type = SchemaType.INTEGER, description = "cores one plan uses"),
                @SchemaProperty(name = "enabled", type = SchemaType.BOOLEAN, description = "gets plans")})))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class RasfleetApplication extends Application {
}
