package io.rasfleet.worker;

/**
 * The installation the workers act for: its id (kept in the database, see
 * {@code io.rasfleet.store.Installations}), set once at start-up, goes into what workers leave
 * outside the database under names another installation might also use (a cluster's job names).
 */
public final class Installation {

    private static volatile String id;

    private Installation() {
    }

    /** Sets the id at start-up. */
    public static void install(String installId) {
        if (installId == null || !installId.matches("[0-9a-z]{1,32}")) {
            throw new IllegalArgumentException("an installation id is 1 to 32 of [0-9a-z], not '" + installId + "'");
        }
        id = installId;
    }

    /** The id; fails when start-up has not set one, as nothing may be named without it. */
    public static String id() {
        String set = id;
        if (set == null) {
            throw new IllegalStateException("no installation id: the server's start-up sets it from the database");
        }
        return set;
    }
}
