package io.rasfleet.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that run the HEC-RAS stand-in from the test class path, in a JVM of its own, as a
 * worker would run Ras.exe. (The packaged launchers under target/ras-sim are tested by an IT.)
 */
public final class StandIn {

    private StandIn() {
    }

    public static List<String> ras(Path projectFile, Path planFile) {
        List<String> command = java();
        command.addAll(List.of("Ras", "-c", projectFile.toString(), planFile.toString()));
        return command;
    }

    /**
     * A {@code Ras} launcher script in {@code folder} that runs the stand-in from the test class
     * path, for settings that name one program ({@code ras_exe_path}).
     */
    public static Path rasLauncher(Path folder) {
        return launcher(folder, "Ras");
    }

    /**
     * A Linux engine folder ({@code RasUnsteady}, {@code RasGeomPreprocess}, {@code libs/}) whose
     * programs run the stand-in from the test class path, for {@code ras_engine_path}.
     */
    public static Path linuxEngine(Path folder) {
        launcher(folder, "RasUnsteady");
        launcher(folder, "RasGeomPreprocess");
        try {
            java.nio.file.Files.createDirectories(folder.resolve("libs"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return folder;
    }

    private static Path launcher(Path folder, String program) {
        List<String> command = java();
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        for (String part : command) {
            script.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        script.append(program).append(" \"$@\"\n");
        try {
            java.nio.file.Files.createDirectories(folder);
            Path launcher = folder.resolve(program);
            java.nio.file.Files.writeString(launcher, script);
            java.nio.file.Files.setPosixFilePermissions(launcher,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return launcher;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> java() {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(javaBin, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.rasfleet.sim.RasSim"));
    }
}
