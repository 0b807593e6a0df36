package io.rasfleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

    @Test
    void upWhileTheDatabaseAnswers() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readiness");
        HealthCheckResponse answer = DatabaseReadiness.check(dataSource, new AtomicReference<>());
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("database", "H2"), answer.getData().orElseThrow());
    }

    @Test
    void downWhenTheDatabaseServerIsUnreachableNamingTheFailureButNotTheUrl() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/mem:gone");
        dataSource.setPassword("secret-pass");
        HealthCheckResponse answer = DatabaseReadiness.check(dataSource, new AtomicReference<>());
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        Map<String, Object> data = answer.getData().orElseThrow();
        assertEquals(Map.of("error", "JdbcSQLNonTransientConnectionException", "sqlState", "90067"), data);
        assertFalse(data.toString().contains("secret-pass") || data.toString().contains("127.0.0.1"), data.toString());
    }

    @Test
    void anOutageNamesTheDatabaseLastSeen() throws Exception {
        AtomicReference<String> lastSeen = new AtomicReference<>();
        JdbcDataSource up = new JdbcDataSource();
        up.setURL("jdbc:h2:mem:seen");
        DatabaseReadiness.check(up, lastSeen);
        JdbcDataSource gone = new JdbcDataSource();
        gone.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/mem:seen");
        HealthCheckResponse answer = DatabaseReadiness.check(gone, lastSeen);
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        assertEquals("H2", answer.getData().orElseThrow().get("database"), answer.getData().toString());
    }

    @Test
    void theDriversSqlStateIsFoundUnderThePoolsWrapper() {
        javax.sql.DataSource pool = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    throw new java.sql.SQLException("IJ031084: Unable to create connection", null, 0,
                            new java.sql.SQLException("Connection to 127.0.0.1:5433 refused", "08001"));
                });
        HealthCheckResponse answer = DatabaseReadiness.check(pool, new AtomicReference<>("PostgreSQL"));
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        assertEquals(Map.of("database", "PostgreSQL", "error", "SQLException", "sqlState", "08001"), answer.getData().orElseThrow());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
