package io.rasfleet.transfer;

/**
 * What a failure of a library (smbj, MINA SSHD, docker-java) says once its wrappers are peeled off:
 * "Connection refused" rather than the futures and exceptions around it. Here because the
 * transfers and every worker type report such failures.
 */
public final class Causes {

    private Causes() {
    }

    /** The innermost cause's message (its class name when it has none). */
    public static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()).strip();
    }

    /** The failure's own message followed by its innermost cause's, when that is another one. */
    public static String described(Throwable e) {
        String root = root(e);
        if (e.getCause() == null || e.getCause() == e) {
            return root;
        }
        return e.getMessage() == null ? root : e.getMessage().strip() + " (" + root + ")";
    }
}
