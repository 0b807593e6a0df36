package io.rasfleet.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
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
        var answer = HealthCheckResponse.named("rasfleet-database");
        try (Connection connection = dataSource.getConnection()) {
            return answer.status(connection.isValid(VALID_WITHIN_SECONDS))
                    .withData("product", connection.getMetaData().getDatabaseProductName()).build();
        } catch (SQLException | RuntimeException e) {
            // the reason goes out as data; the JDBC URL and user do not (they may carry secrets)
            return answer.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
