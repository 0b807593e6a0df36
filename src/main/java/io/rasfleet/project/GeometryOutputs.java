package io.rasfleet.project;

import java.util.List;

/**
 * What HEC-RAS's geometry preprocessor writes for a plan's geometry GG: the geometry HDF
 * ({@code Name.gGG.hdf}, the preprocessed tables) and the preprocessor file ({@code Name.cGG}),
 * in the order they are brought into a project: the preprocessor file last, so that a delivery
 * cut short between the two leaves HEC-RAS a missing or older {@code .cGG}, which makes it
 * preprocess again rather than trust a mismatched pair.
 */
public final class GeometryOutputs {

    private GeometryOutputs() {
    }

    /** The file names, relative to the project folder; empty for a plan that names no geometry. */
    public static List<String> of(String projectName, Plan plan) {
        String digits = plan.geometryDigits();
        if (digits == null) {
            return List.of();
        }
        return List.of(projectName + ".g" + digits + ".hdf", projectName + ".c" + digits);
    }

    /** The geometry's text file ({@code Name.gGG}), which the modeller edits; null for a plan that names no geometry. */
    public static String geometryFile(String projectName, Plan plan) {
        return plan.geometry() == null ? null : projectName + "." + plan.geometry();
    }
}
