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
     * Plan {@code plan} of the Muncie sample in {@code folder} computed here by the stand-in in a
     * tenth of a second, every file of the project made two minutes older first (file systems with
     * coarse times: each input clearly before the result); its output in {@code log}.
     *
     * @return the stand-in's exit code
     */
    public static int computeMuncie(Path folder, String plan, Path log) throws java.io.IOException, InterruptedException {
        io.rasfleet.project.KeyedTextFile text = io.rasfleet.project.KeyedTextFile.read(folder.resolve("Muncie.p" + plan));
        text.setAll("RASSIM Seconds", "0.1", null);
        text.save();
        try (var files = java.nio.file.Files.list(folder)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(120)));
            }
        }
        Process ras = new ProcessBuilder(ras(folder.resolve("Muncie.prj"), folder.resolve("Muncie.p" + plan)))
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!ras.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            ras.destroyForcibly();
            throw new IllegalStateException("the stand-in did not end plan " + plan + " within 2 minutes; see " + log);
        }
        return ras.exitValue();
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

    /**
     * A Linux engine folder that needs nothing outside itself but a {@code java}: the stand-in's
     * classes and libraries copied into {@code folder/lib} from the test class path, launchers running
     * {@code javaCommand} that
     * find them at {@code seenAs} (the folder's path where the engine runs: a container's, another
     * user's). For engines that cannot read the build's own class path.
     */
    public static Path selfContainedLinuxEngine(Path folder, String javaCommand, String seenAs) {
        try {
            Path lib = java.nio.file.Files.createDirectories(folder.resolve("lib"));
            java.nio.file.Files.createDirectories(folder.resolve("libs"));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName().toString();
                if (java.nio.file.Files.isDirectory(path) && path.endsWith("classes") && !path.endsWith("test-classes")) {
                    copyTree(path, lib.resolve("classes"));
                } else if (name.matches("(jhdf|slf4j-api|commons-lang3|compress-lzf|lz4-java)-.*\\.jar")) {
                    java.nio.file.Files.copy(path, lib.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String program : List.of("RasUnsteady", "RasGeomPreprocess", "Ras")) {
                Path launcher = folder.resolve(program);
                // the stand-in runs as a child of this script, as the real engine's programs are a process tree
                java.nio.file.Files.writeString(launcher, "#!/bin/sh\n" + javaCommand + " -Xmx96m -XX:+UseSerialGC"
                        + " -XX:TieredStopAtLevel=1 -cp '" + seenAs + "/lib/classes:" + seenAs + "/lib/*' io.rasfleet.sim.RasSim "
                        + program + " \"$@\"\n");
                java.nio.file.Files.setPosixFilePermissions(launcher,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
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
