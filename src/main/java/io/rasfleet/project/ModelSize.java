package io.rasfleet.project;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much a plan asks HEC-RAS to compute, read from its files: the number of time steps (the
 * simulation window over the {@code Computation Interval}) times the geometry's size (its cross
 * sections plus its 2D cells, {@code Storage Area 2D Points}). HEC-RAS's run time grows with both,
 * so plans of one server compare by this number before any of them ran.
 *
 * @param timeSteps the simulation window over the computation interval; 1 for a steady plan
 * @param cells     cross sections plus 2D cells of the plan's geometry
 */
public record ModelSize(long timeSteps, long cells) {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(SEC|MIN|HOUR|DAY)", Pattern.CASE_INSENSITIVE);

    /** Time steps times cells: the work the plan asks for, in cell steps. */
    public double work() {
        return (double) timeSteps * cells;
    }

    /** The plan's size, or empty when its geometry file is missing or names no cross section nor 2D cell. */
    public static Optional<ModelSize> of(RasProject project, PlanId id) {
        return of(project, id, new java.util.HashMap<>());
    }

    /**
     * As {@link #of(RasProject, PlanId)}, counting each geometry's cells once in {@code cellsByGeometry}:
     * a study's 99 plans often share one geometry file of megabytes, read once instead of 99 times.
     */
    public static Optional<ModelSize> of(RasProject project, PlanId id, java.util.Map<java.nio.file.Path, Long> cellsByGeometry) {
        Plan plan = project.plan(id);
        if (plan.geometryDigits() == null) {
            return Optional.empty();
        }
        java.nio.file.Path geometry = project.file("g" + plan.geometryDigits());
        if (!Files.isRegularFile(geometry)) {
            return Optional.empty();
        }
        long cells = cellsByGeometry.computeIfAbsent(geometry, file -> cells(KeyedTextFile.read(file)));
        if (cells <= 0) {
            return Optional.empty();
        }
        return Optional.of(new ModelSize(timeSteps(plan.window(), KeyedTextFile.read(plan.planFile())), cells));
    }

    static long cells(KeyedTextFile geometry) {
        long sections = geometry.values("Type RM Length L Ch R ").stream()
                .filter(v -> v.strip().startsWith("1 ") || v.strip().startsWith("1,")).count();
        long cells2d = geometry.values("Storage Area 2D Points").stream()
                .mapToLong(ModelSize::wholeOrZero).sum();
        return sections + cells2d;
    }

    static long timeSteps(SimulationWindow window, KeyedTextFile plan) {
        Optional<Duration> interval = plan.trimmed("Computation Interval").flatMap(ModelSize::interval);
        if (window == null || interval.isEmpty() || interval.get().isZero()) {
            return 1;
        }
        long seconds = Duration.between(window.start(), window.end()).toSeconds();
        return Math.max(1, seconds * 1000 / interval.get().toMillis());
    }

    /** {@code 30SEC}, {@code 2MIN}, {@code 1HOUR}, {@code 1DAY}; empty for anything else. */
    static Optional<Duration> interval(String text) {
        Matcher m = INTERVAL.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        long unitSeconds = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "SEC" -> 1;
            case "MIN" -> 60;
            case "HOUR" -> 3600;
            default -> 86_400;
        };
        return Optional.of(Duration.ofMillis(Math.round(amount * unitSeconds * 1000)));
    }

    private static long wholeOrZero(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
