package io.rasfleet.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in command line read the way HEC-RAS reads it: Windows style {@code Ras -c Name.prj
 * Name.pNN}, or Linux engine style {@code RasUnsteady Name.pNN.tmp.hdf xGG} in the model folder.
 */
record SimInvocation(Mode mode, Path folder, String projectName, String planDigits, String geometryDigits) {

    enum Mode { RAS, UNSTEADY, GEOMETRY_PREPROCESS }

    private static final Pattern PLAN_FILE = Pattern.compile("(.+)\\.[pP](\\d\\d)");
    private static final Pattern TMP_HDF = Pattern.compile("(.+)\\.[pP](\\d\\d)\\.tmp\\.hdf", Pattern.CASE_INSENSITIVE);
    private static final Pattern X_FILE = Pattern.compile("[xX](\\d\\d)");

    static SimInvocation parse(String program, List<String> args, Path workingDirectory) {
        return switch (program) {
            case "Ras" -> windows(args, workingDirectory);
            case "RasUnsteady" -> linux(Mode.UNSTEADY, program, args, workingDirectory);
            case "RasGeomPreprocess" -> linux(Mode.GEOMETRY_PREPROCESS, program, args, workingDirectory);
            default -> throw new IllegalArgumentException("unknown stand-in program '" + program
                    + "': Ras, RasUnsteady or RasGeomPreprocess");
        };
    }

    private static SimInvocation windows(List<String> args, Path cwd) {
        List<String> positional = args.stream()
                .filter(a -> !a.equalsIgnoreCase("-c") && !a.equalsIgnoreCase("-hideCompute"))
                .toList();
        if (!args.stream().anyMatch(a -> a.equalsIgnoreCase("-c")) || positional.size() != 2
                || positional.stream().anyMatch(a -> a.startsWith("-"))) {
            throw new IllegalArgumentException("usage: Ras -c Name.prj Name.pNN (got " + args + ")");
        }
        Path prj = cwd.resolve(positional.get(0)).toAbsolutePath().normalize();
        Path plan = cwd.resolve(positional.get(1)).toAbsolutePath().normalize();
        String prjName = prj.getFileName().toString();
        if (!prjName.toLowerCase(Locale.ROOT).endsWith(".prj")) {
            throw new IllegalArgumentException("'" + positional.get(0) + "' is not a project file (.prj)");
        }
        Matcher m = PLAN_FILE.matcher(plan.getFileName().toString());
        String project = prjName.substring(0, prjName.length() - 4);
        if (!m.matches() || !m.group(1).equals(project)) {
            throw new IllegalArgumentException("'" + positional.get(1) + "' is not a plan file of " + project
                    + " (" + project + ".pNN)");
        }
        return new SimInvocation(Mode.RAS, prj.getParent(), project, m.group(2), null);
    }

    private static SimInvocation linux(Mode mode, String program, List<String> args, Path cwd) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("usage: " + program + " Name.pNN.tmp.hdf xGG (got " + args + ")");
        }
        Path tmp = cwd.resolve(args.get(0)).toAbsolutePath().normalize();
        Matcher plan = TMP_HDF.matcher(tmp.getFileName().toString());
        Matcher geometry = X_FILE.matcher(args.get(1));
        if (!plan.matches()) {
            throw new IllegalArgumentException("'" + args.get(0) + "' is not a plan's compute file (Name.pNN.tmp.hdf)");
        }
        if (!geometry.matches()) {
            throw new IllegalArgumentException("'" + args.get(1) + "' is not a geometry execution file number (xGG)");
        }
        return new SimInvocation(mode, tmp.getParent(), plan.group(1), plan.group(2), geometry.group(1));
    }

    Path file(String extension) {
        return folder.resolve(projectName + "." + extension);
    }

    Path planFile() {
        return file("p" + planDigits);
    }

    Path tmpHdf() {
        return file("p" + planDigits + ".tmp.hdf");
    }

    Path resultHdf() {
        return file("p" + planDigits + ".hdf");
    }

    Path computeMessages() {
        return file("p" + planDigits + ".computeMsgs.txt");
    }
}
