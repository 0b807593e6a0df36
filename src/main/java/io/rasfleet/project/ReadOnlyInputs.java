package io.rasfleet.project;

import java.util.Locale;
import java.util.Set;

/**
 * The project files HEC-RAS only reads while it computes a plan, so that a local worker may give a
 * plan's folder the run snapshot's own file (a hard link) instead of a copy. Conservative on
 * purpose: a file HEC-RAS may write must never be shared, or one plan would change what the next
 * reads.
 * <ul>
 * <li>Shared: rasters ({@code .tif}, {@code .tiff}, {@code .vrt}) and {@code .hdf} files not named
 * after the project: terrain and land cover, which RAS Mapper writes when a modeller builds them,
 * never a computation.</li>
 * <li>Never shared: the project's own HDFs ({@code Name.g01.hdf} is rewritten by the geometry
 * preprocessor, {@code Name.p01.hdf} is the plan's output, {@code Name.u01.hdf} and the like are
 * written with them), every DSS file (HEC-RAS writes results into DSS files, and HEC-DSS updates
 * a file it opens, even an input, when it converts or catalogues it), text files (small; the plan
 * file is edited per attempt), and anything else.</li>
 * </ul>
 */
public final class ReadOnlyInputs {

    private static final Set<String> RASTERS = Set.of("tif", "tiff", "vrt");

    private ReadOnlyInputs() {
    }

    /** Whether {@code path} (relative, {@code /}-separated) of project {@code projectName} is only read by a computation. */
    public static boolean shareable(String projectName, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        if (RASTERS.contains(extension)) {
            return true;
        }
        return extension.equals("hdf") && !name.startsWith(projectName.toLowerCase(Locale.ROOT) + ".");
    }
}
