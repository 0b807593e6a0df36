package io.rasfleet.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the database holding runs, workers and the job repository gives no valid connection. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int VALID_WITHIN_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/RasfleetDS")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        return check(dataSource);
    }

    static HealthCheckResponse check(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(VALID_WITHIN_SECONDS);
            return new HealthCheckResponse(NAME, valid ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("database", connection.getMetaData().getDatabaseProductName())));
        } catch (SQLException | RuntimeException e) {
            // the kind of failure goes out as data; the JDBC URL and user do not (they may carry secrets)
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("error", e.getClass().getSimpleName())));
        }
    }

    static final String NAME = "rasfleet-database";
}
