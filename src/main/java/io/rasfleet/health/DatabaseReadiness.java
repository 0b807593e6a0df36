package io.rasfleet.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the database holding runs, workers and the job repository gives no valid connection. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final int VALID_WITHIN_SECONDS = 2;
    static final String NAME = "rasfleet-database";

    @Resource(lookup = "java:jboss/datasources/RasfleetDS")
    DataSource dataSource;

    /** The database last seen, so that an outage still says which one is gone (its URL may carry secrets). */
    private final AtomicReference<String> lastSeen = new AtomicReference<>();

    @Override
    public HealthCheckResponse call() {
        return check(dataSource, lastSeen);
    }

    static HealthCheckResponse check(DataSource dataSource, AtomicReference<String> lastSeen) {
        Map<String, Object> data = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            lastSeen.set(connection.getMetaData().getDatabaseProductName());
            data.put("database", lastSeen.get());
            boolean valid = connection.isValid(VALID_WITHIN_SECONDS);
            if (!valid) {
                data.put("error", "the connection was not valid (checked within " + VALID_WITHIN_SECONDS + " s)");
            }
            return new HealthCheckResponse(NAME, valid ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(data));
        } catch (SQLException | RuntimeException e) {
            if (lastSeen.get() != null) {
                data.put("database", lastSeen.get());
            }
            // the kind of failure goes out as data; the JDBC URL, user and message do not (they may carry secrets)
            data.put("error", e.getClass().getSimpleName());
            sqlState(e).ifPresent(state -> data.put("sqlState", state));
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(data));
        }
    }

    /** The first SQLSTATE in the causes: the pool wraps the driver's "08001" (cannot connect) in an exception without one. */
    private static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
