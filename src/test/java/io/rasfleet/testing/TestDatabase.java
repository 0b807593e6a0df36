package io.rasfleet.testing;

import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.WorkerEntity;
import jakarta.persistence.EntityManagerFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.cfg.Configuration;

/**
 * Our entities on a real database outside the server, as the server maps them: H2 (the demo's
 * database) in memory, or the PostgreSQL on 127.0.0.1:5432 in a schema of the test's own.
 */
public final class TestDatabase implements AutoCloseable {

    private final EntityManagerFactory factory;
    private final Runnable dropper;

    private TestDatabase(EntityManagerFactory factory, Runnable dropper) {
        this.factory = factory;
        this.dropper = dropper;
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public static TestDatabase h2() {
        String url = "jdbc:h2:mem:rf" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(build(url, "sa", ""), () -> { });
    }

    /** A fresh schema on the local PostgreSQL, dropped on close; skipped (or failed when required) without one. */
    public static TestDatabase postgresql() throws Exception {
        Services.need("postgres", reachable(), "nothing answers on 127.0.0.1:5432");
        String schema = "rf_unit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = "jdbc:postgresql://127.0.0.1:5432/test";
        try (Connection c = DriverManager.getConnection(base, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        return new TestDatabase(build(base + "?currentSchema=" + schema, "postgres", "postgres"), () -> {
            try (Connection c = DriverManager.getConnection(base, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            } catch (Exception e) {
                throw new IllegalStateException("could not drop schema " + schema, e);
            }
        });
    }

    private static EntityManagerFactory build(String url, String user, String password) {
        return new Configuration()
                .addAnnotatedClass(RunEntity.class)
                .addAnnotatedClass(PlanRunEntity.class)
                .addAnnotatedClass(AttemptEntity.class)
                .addAnnotatedClass(WorkerEntity.class)
                .addAnnotatedClass(io.rasfleet.store.PlanClaimEntity.class)
                .addAnnotatedClass(io.rasfleet.store.InstallationEntity.class)
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", password)
                // as in persistence.xml: the server's schema is made the same way
                .setProperty("hibernate.hbm2ddl.auto", "update")
                .buildSessionFactory();
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        factory.close();
        dropper.run();
    }
}
