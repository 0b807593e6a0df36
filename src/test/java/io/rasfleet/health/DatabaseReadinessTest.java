package io.rasfleet.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

    @Test
    void upWhileTheDatabaseAnswers() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readiness");
        HealthCheckResponse answer = DatabaseReadiness.check(dataSource);
        assertEquals(HealthCheckResponse.Status.UP, answer.getStatus());
        assertEquals(Map.of("database", "H2"), answer.getData().orElseThrow());
    }

    @Test
    void downWhenTheDatabaseServerIsUnreachableNamingTheFailureButNotTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:gone");
        dataSource.setPassword("secret-pass");
        HealthCheckResponse answer = DatabaseReadiness.check(dataSource);
        assertEquals(HealthCheckResponse.Status.DOWN, answer.getStatus());
        String data = answer.getData().orElseThrow().toString();
        assertEquals(Map.of("error", "JdbcSQLNonTransientConnectionException"), answer.getData().orElseThrow(), data);
    }
}
