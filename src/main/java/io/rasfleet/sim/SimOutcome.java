package io.rasfleet.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the stand-in ends a run, chosen by a test or demo through {@code RASSIM Outcome=}. */
enum SimOutcome {
    /** Writes a complete result that says "Finished Successfully". */
    SUCCESS,
    /** Writes error lines and an unstable solution, and exits 0 as HEC-RAS does. */
    SOLVER_ERROR,
    /** Exits 3 part-way, leaving no result. */
    CRASH,
    /** Never ends; only a kill stops it. */
    HANG,
    /** Exits 0 having written nothing at all. */
    NO_OUTPUT;

    static SimOutcome parse(String text) {
        if (text == null || text.isBlank()) {
            return SUCCESS;
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SimOutcome outcome : values()) {
            if (outcome.name().equals(wanted)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("RASSIM Outcome='" + text + "' is not one of "
                + Arrays.stream(values()).map(SimOutcome::label).collect(Collectors.joining(", ")));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
