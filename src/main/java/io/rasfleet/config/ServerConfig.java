package io.rasfleet.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting rasfleet reads from the server's system properties and environment, in one place,
 * read when asked (never frozen at class load, so that tests and a changed property take effect).
 * The README's configuration table lists them.
 */
public final class ServerConfig {

    private ServerConfig() {
    }

    /** This server among servers sharing a database and workers: {@code jboss.node.name}. */
    public static String serverName() {
        return System.getProperty("jboss.node.name", "rasfleet");
    }

    /** How long a running attempt stays this server's without a renewal: {@code -Drasfleet.lease.seconds}, 60. */
    public static Duration lease() {
        return Duration.ofSeconds(positive("rasfleet.lease.seconds", 60));
    }

    /** How often a worker marked unhealthy is checked again: {@code -Drasfleet.health.recheck.seconds}, 15. */
    public static Duration healthRecheck() {
        return Duration.ofSeconds(positive("rasfleet.health.recheck.seconds", 15));
    }

    /** The batch thread pool's size when it cannot be read: {@code -Drasfleet.batch.threads}, 34. */
    public static int batchThreads() {
        return (int) positive("rasfleet.batch.threads", 34);
    }

    /** The server's own files: {@code <jboss.server.data.dir>/rasfleet}. */
    public static Path dataFolder() {
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"))).resolve("rasfleet");
    }

    /** The WildFly installation (the demo's stand-in lives in it): {@code jboss.home.dir}. */
    public static Path serverHome() {
        return Path.of(System.getProperty("jboss.home.dir", "."));
    }

    /** {@code RASFLEET_PROJECT_ROOTS}, else {@code -Drasfleet.project.roots}; empty when neither is set. */
    public static Optional<String> projectRoots() {
        String value = System.getenv("RASFLEET_PROJECT_ROOTS");
        if (value == null || value.isBlank()) {
            value = System.getProperty("rasfleet.project.roots");
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** {@code RASFLEET_WORKERS}: a JSON file of workers loaded at start-up. */
    public static Optional<Path> workersFile() {
        String value = System.getenv("RASFLEET_WORKERS");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** The Elytron credential store that holds worker passwords: {@code -Drasfleet.credential.store}, {@code rasfleet}. */
    public static String credentialStore() {
        return System.getProperty("rasfleet.credential.store", "rasfleet");
    }

    /** Where PsExec may be downloaded from, with its SHA-256: {@code -Drasfleet.psexec.url}, {@code -Drasfleet.psexec.sha256}. */
    public static Optional<Download> psexecDownload() {
        String url = System.getProperty("rasfleet.psexec.url");
        return url == null || url.isBlank() ? Optional.empty()
                : Optional.of(new Download(url, System.getProperty("rasfleet.psexec.sha256")));
    }

    /** A file to fetch and the SHA-256 it must have (null when none was configured). */
    public record Download(String url, String sha256) {
    }

    private static long positive(String property, long fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("-D" + property + " must be a whole number of at least 1, not '" + value + "'");
        }
    }
}
