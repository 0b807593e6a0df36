package io.rasfleet.worker.linux;

import io.rasfleet.worker.RasInstalls;
import java.util.Arrays;
import java.util.List;

/**
 * HEC-RAS's Linux engine found by version on a Linux worker: one engine folder per version under
 * an install root ({@code /opt/hecras/6.6/RasUnsteady}), listed by a POSIX shell on the worker's
 * side, the same command for an SSH host and a container.
 */
public final class EngineInstalls {

    /** Where version folders are looked for when a worker names no {@code ras_install_root}. */
    public static final String DEFAULT_ROOT = "/opt/hecras";

    /**
     * Run as {@code sh -c SCRIPT sh <root>}: the root is an argument, never part of the script. A
     * root that is not there lists nothing.
     */
    static final String SCRIPT = "cd -- \"$1\" 2>/dev/null || exit 0; for d in */; do d=${d%/};"
            + " [ -x \"$d/RasUnsteady\" ] && printf '%s\\n' \"$d\"; done; exit 0";

    private EngineInstalls() {
    }

    /**
     * The finder for a worker's settings.
     *
     * @param version     its {@code ras_version}, or null to follow each plan's
     * @param installRoot its {@code ras_install_root}, or null for {@link #DEFAULT_ROOT}
     */
    public static RasInstalls of(String worker, String version, String installRoot, RasInstalls.Listing listing) {
        return new RasInstalls(worker, version, List.of(installRoot == null ? DEFAULT_ROOT : installRoot), listing, "/", "");
    }

    /** The command that lists {@code root}'s engine folders, one name a line. */
    public static List<String> command(String root) {
        return List.of("sh", "-c", SCRIPT, "sh", root);
    }

    public static List<String> parse(String output) {
        return Arrays.stream(output.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
    }
}
