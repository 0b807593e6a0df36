package io.rasfleet.testing;

/**
 * The IT server's ports. {@code -Drasfleet.it.portOffset=N} (with {@code -Drasfleet.it.managementPort=9990+N})
 * moves the IT server and every copy a test starts by N, so that two checkouts can run their ITs side by side.
 */
public final class ItPorts {

    private ItPorts() {
    }

    /** The IT server's port offset (0 unless the build was told otherwise). */
    public static int offset() {
        return Integer.getInteger("rasfleet.it.portOffset", 0);
    }

    /** The IT server's HTTP port. */
    public static int http() {
        return 8080 + offset();
    }

    /** The IT server's HTTPS port. */
    public static int https() {
        return 8443 + offset();
    }

    /** The IT server's management port (health, metrics, CLI). */
    public static int management() {
        return 9990 + offset();
    }
}
