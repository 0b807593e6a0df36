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

    private static List<String> java() {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(javaBin, "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.rasfleet.sim.RasSim"));
    }
}
