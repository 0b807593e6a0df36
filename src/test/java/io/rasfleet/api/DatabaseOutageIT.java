package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Await;
import io.rasfleet.testing.RequiredServices;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's readiness follows its database: a server of its own (a copy of the IT server on a
 * free port offset) reaches PostgreSQL only through a TCP proxy of this test. Cutting the proxy
 * (its listening socket and every connection, as a database going away) makes
 * {@code /health/ready} DOWN, naming the database check, within a bounded time; restoring it
 * makes the server ready again, and its API reads the database again.
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "rasfleet.it.db", matches = "postgresql", disabledReason = "cuts a PostgreSQL connection")
@ExtendWith(RequiredServices.class)
class DatabaseOutageIT {

    private static final InetSocketAddress POSTGRES = new InetSocketAddress("127.0.0.1", 5432);
    /** How long a cut or a restored database may take to show in the readiness. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(30);
    /** One readiness call, whatever the database does: a probe that hangs is as bad as a wrong answer. */
    private static final Duration ONE_CHECK = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readyIsDownWhileTheDatabaseIsUnreachableAndUpOnceItIsBack() throws Exception {
        String user = System.getProperty("rasfleet.it.pg.user", "postgres");
        String password = System.getProperty("rasfleet.it.pg.password", "postgres");
        String schema = "rasfleet_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(user, password, "create schema " + schema);
        ServerCopy server = ServerCopy.of("outage-server");
        try (TcpProxy proxy = TcpProxy.open(POSTGRES)) {
            server.start(Map.of("RASFLEET_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema,
                    "RASFLEET_DB_USER", user, "RASFLEET_DB_PASSWORD", password), "-Djboss.node.name=outage-server");
            try {
                String ready = "http://127.0.0.1:" + (9990 + server.offset) + "/health/ready";
                Readiness up = Await.until("ready UP", NOTICED_WITHIN, Duration.ofMillis(500), () -> ready(ready), r -> r.status() == 200);
                assertEquals("UP", database(up.body()).getString("status"), up.body().toString());
                assertTrue(proxy.accepted() > 0, "the server reached its database through the proxy");

                proxy.cut();
                Instant cut = Instant.now();
                Readiness down = Await.until("ready DOWN after the database was cut", NOTICED_WITHIN, Duration.ofMillis(500),
                        () -> ready(ready), r -> r.status() == 503);
                System.out.printf("readiness DOWN %d ms after the cut: %s%n", Duration.between(cut, Instant.now()).toMillis(), down.body());
                // the first call after the cut meets a pooled connection, later ones a refused new one: both say DOWN
                for (int i = 0; i < 4; i++) {
                    assertEquals("DOWN", down.body().getString("status"), down.body().toString());
                    JsonObject database = database(down.body());
                    assertEquals("DOWN", database.getString("status"), down.body().toString());
                    assertEquals("PostgreSQL", database.getJsonObject("data").getString("database"), database.toString());
                    assertEquals("UP", check(down.body(), "rasfleet-workers").getString("status"),
                            "the database alone makes the server unready: " + down.body());
                    Thread.sleep(1000);
                    down = ready(ready);
                    assertEquals(503, down.status(), "still DOWN while the database is cut: " + down.body());
                }
                System.out.printf("readiness while cut: %s%n", database(down.body()));
                assertEquals("08001", database(down.body()).getJsonObject("data").getString("sqlState"),
                        "the driver's own words for a database it cannot connect to: " + down.body());

                proxy.restore();
                Instant restored = Instant.now();
                Readiness back = Await.until("ready UP after the database came back", NOTICED_WITHIN, Duration.ofMillis(500),
                        () -> ready(ready), r -> r.status() == 200);
                System.out.printf("readiness UP %d ms after the restore%n", Duration.between(restored, Instant.now()).toMillis());
                assertEquals("UP", database(back.body()).getString("status"), back.body().toString());
                RasfleetClient.Answer runs = server.api.get(RasfleetClient.VIEWER, "runs");
                assertEquals(200, runs.status(), "the API reads the database again: " + runs.body());
            } finally {
                server.stop();
            }
        } finally {
            sql(user, password, "drop schema " + schema + " cascade");
        }
    }

    private record Readiness(int status, JsonObject body) {
    }

    /** One call of the readiness endpoint; a call that does not answer within {@link #ONE_CHECK} fails the test. */
    private Readiness ready(String url) throws Exception {
        Instant asked = Instant.now();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(ONE_CHECK).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(Duration.between(asked, Instant.now()).compareTo(ONE_CHECK) < 0, "the readiness answered in time");
        try (var reader = Json.createReader(new StringReader(answer.body()))) {
            return new Readiness(answer.statusCode(), reader.readObject());
        }
    }

    private static JsonObject database(JsonObject health) {
        return check(health, "rasfleet-database");
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static void sql(String user, String password, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", user, password);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * A TCP proxy on a loopback port to one address: {@link #cut()} closes its listening socket and
     * every connection through it, as a database that went away; {@link #restore()} listens again
     * on the same port, where the server's JDBC URL points.
     */
    static final class TcpProxy implements AutoCloseable {

        private final InetSocketAddress upstream;
        private final int port;
        private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
        private final AtomicInteger accepted = new AtomicInteger();
        private volatile ServerSocket listening;

        private TcpProxy(InetSocketAddress upstream, ServerSocket listening) {
            this.upstream = upstream;
            this.port = listening.getLocalPort();
            listen(listening);
        }

        static TcpProxy open(InetSocketAddress upstream) throws IOException {
            return new TcpProxy(upstream, bind(0));
        }

        int port() {
            return port;
        }

        /** Connections accepted so far. */
        int accepted() {
            return accepted.get();
        }

        void cut() throws IOException {
            listening.close();
            for (Socket socket : connections) {
                socket.close();
            }
            connections.clear();
        }

        /** Listens again on the same port; a proxy that already listens is left as it is (a test's cleanup may restore twice). */
        void restore() throws IOException {
            if (listening.isClosed()) {
                listen(bind(port));
            }
        }

        @Override
        public void close() throws IOException {
            cut();
        }

        private static ServerSocket bind(int port) throws IOException {
            ServerSocket socket = new ServerSocket();
            // the cut leaves the port's connections in TIME_WAIT; without this the same port could not be bound again at once
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        }

        private void listen(ServerSocket socket) {
            listening = socket;
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Socket server = new Socket();
                        connections.add(client);
                        connections.add(server);
                        try {
                            server.connect(upstream, 5000);
                        } catch (IOException e) {
                            client.close();
                            server.close();
                            continue;
                        }
                        if (socket.isClosed()) {
                            // cut while this one was being connected: it must not outlive the cut
                            client.close();
                            server.close();
                            return;
                        }
                        accepted.incrementAndGet();
                        pump(client, server);
                        pump(server, client);
                    } catch (IOException e) {
                        return; // the listening socket was closed: cut
                    }
                }
            }, "proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed or was cut: the other goes with it (below)
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    connections.remove(from);
                    connections.remove(to);
                }
            }, "proxy-pump-" + port);
            pump.setDaemon(true);
            pump.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
