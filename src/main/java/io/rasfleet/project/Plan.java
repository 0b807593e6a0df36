package io.rasfleet.project;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One plan of a project as its files say it is now.
 *
 * @param geometry  the geometry reference, such as {@code g05}
 * @param flow      the flow file reference, such as {@code u02}
 * @param window    the simulation window, null for steady plans
 * @param resultModified when the plan's result file was last written, null when there is none
 */
public record Plan(
        PlanId id,
        String title,
        String shortId,
        String programVersion,
        Path planFile,
        String geometry,
        String flow,
        FlowKind flowKind,
        SimulationWindow window,
        Path resultFile,
        Instant resultModified) {

    public boolean hasResult() {
        return resultModified != null;
    }

    /** The geometry number as two digits ({@code 05}), or null when the plan names none. */
    public String geometryDigits() {
        return geometry == null || geometry.length() < 2 ? null : geometry.substring(1);
    }
}
