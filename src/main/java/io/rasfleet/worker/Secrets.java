package io.rasfleet.worker;

/**
 * Where a worker's password comes from: an alias, looked up when a connection is made, never kept
 * in a {@link WorkerSpec}, our database or a message. On the server this is WildFly's credential
 * store; the server installs it at start-up.
 */
public interface Secrets {

    /** The password kept under {@code alias}; the caller clears the array after use. */
    char[] password(String alias) throws WorkerConfigException;

    /**
     * Keeps {@code password} under {@code alias}, replacing what was there, and clears the array;
     * refused with a {@link WorkerConfigException} on {@code password} when there is no store to keep it in.
     */
    default void keep(String alias, char[] password) throws WorkerConfigException {
        java.util.Arrays.fill(password, '\0');
        throw new WorkerConfigException("password", "no credential store is available to keep a password under alias '" + alias
                + "'");
    }

    /** Until the server installs its credential store, no alias resolves. */
    Secrets NONE = alias -> {
        throw new WorkerConfigException("credential_alias", "no credential store is available to look up alias '" + alias + "'");
    };

    static Secrets current() {
        return Holder.current;
    }

    static void install(Secrets secrets) {
        Holder.current = secrets == null ? NONE : secrets;
    }

    final class Holder {
        private static volatile Secrets current = NONE;

        private Holder() {
        }
    }
}
