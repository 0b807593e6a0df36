package io.rasfleet.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside services a test needs (sshd, docker, samba, postgres): a missing one skips the test,
 * saying why, unless it is named in {@code -Drasfleet.require=...} (as CI does), which fails it.
 */
public final class Services {

    private static final Set<String> REQUIRED = Arrays.stream(System.getProperty("rasfleet.require", "").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

    private Services() {
    }

    private static boolean required(String service) {
        return REQUIRED.contains(service);
    }

    /** Skips (or, when required, fails) the calling test unless {@code present}. */
    public static void need(String service, boolean present, String why) {
        if (present) {
            return;
        }
        if (required(service)) {
            throw new IllegalStateException(service + " is required (-Drasfleet.require) but " + why);
        }
        Assumptions.abort(service + " is not available here (" + why + "); skipped");
    }
}
