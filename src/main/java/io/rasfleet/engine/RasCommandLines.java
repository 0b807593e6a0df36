package io.rasfleet.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HEC-RAS's command lines as argument lists: paths with spaces stay one argument and nothing is
 * ever read by a shell.
 */
public final class RasCommandLines {

    private static final Pattern TWO_DIGITS = Pattern.compile("(0[1-9]|[1-9]\\d)");

    private RasCommandLines() {
    }

    /** Windows: {@code Ras.exe -c <project.prj> <project.pNN>}, computing one plan and exiting. */
    public static List<String> windows(Path rasExe, Path projectFile, Path planFile) {
        return List.of(rasExe.toString(), "-c", projectFile.toAbsolutePath().toString(), planFile.toAbsolutePath().toString());
    }

    /**
     * Linux engine: {@code RasGeomPreprocess Name.pNN.tmp.hdf xGG}, run in the model folder;
     * {@code engineFolder} is a POSIX path on the machine that runs it.
     */
    public static List<String> linuxGeometryPreprocess(String engineFolder, String projectName, String plan, String geometry) {
        return linux(engineFolder, "RasGeomPreprocess", projectName, plan, geometry);
    }

    /** Linux engine: {@code RasUnsteady Name.pNN.tmp.hdf xGG}, run in the model folder. */
    public static List<String> linuxUnsteady(String engineFolder, String projectName, String plan, String geometry) {
        return linux(engineFolder, "RasUnsteady", projectName, plan, geometry);
    }

    private static List<String> linux(String engineFolder, String program, String projectName, String plan, String geometry) {
        String folder = engineFolder.endsWith("/") ? engineFolder : engineFolder + "/";
        return List.of(folder + program, tmpHdf(projectName, plan), "x" + digits("geometry", geometry));
    }

    /** {@code Name.pNN.tmp.hdf}, the compute file the Linux engine writes into. */
    public static String tmpHdf(String projectName, String plan) {
        if (projectName == null || projectName.isBlank() || projectName.contains("/") || projectName.contains("\\")) {
            throw new IllegalArgumentException("'" + projectName + "' is not a HEC-RAS project name");
        }
        return projectName + ".p" + digits("plan", plan) + ".tmp.hdf";
    }

    /** The environment the Linux engine needs: its libraries, under {@code engineFolder}, a POSIX path. */
    public static Map<String, String> linuxEnvironment(String engineFolder) {
        String libs = (engineFolder.endsWith("/") ? engineFolder : engineFolder + "/") + "libs";
        return Map.of("LD_LIBRARY_PATH", String.join(":", libs, libs + "/mkl", libs + "/rhel_8"));
    }

    static String digits(String what, String value) {
        if (value == null || !TWO_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " number '" + value + "' is not two digits from 01 to 99");
        }
        return value;
    }
}
