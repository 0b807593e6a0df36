package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker image with the stand-in as HEC-RAS's Linux engine, made here because no image can be
 * pulled: a {@code jlink} runtime, the shared libraries it needs, a static busybox for the few
 * commands a plan container uses, and the stand-in's classes from the test class path, put
 * together with {@code docker import}. Built once per test JVM.
 */
public final class EngineImage {

    public static final String TAG = "rasfleet-test-engine:latest";
    public static final String ENGINE = "/opt/ras";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");
    private static boolean built;

    private EngineImage() {
    }

    /** True when a Docker engine answers on the local socket. */
    public static boolean engineAnswers() {
        try {
            return Files.exists(Path.of("/var/run/docker.sock")) && run(List.of("docker", "version", "--format",
                    "{{.Server.Version}}")).code == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips (or fails, when required) without a Docker engine; else builds the image once and returns its tag. */
    public static synchronized String ensure(Path scratch) throws IOException, InterruptedException {
        Services.need("docker", engineAnswers(), "no Docker engine answers on /var/run/docker.sock (Debian: docker.io, then"
                + " dockerd --iptables=false --bridge=none)");
        Services.need("docker", Files.isExecutable(BUSYBOX), BUSYBOX + " is missing (Debian: busybox-static)");
        if (built) {
            return TAG;
        }
        Path root = scratch.resolve("engine-rootfs");
        Files.createDirectories(root.resolve("tmp"));
        Path jre = root.resolve("opt/jre");
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        check(run(List.of(jlink.toString(), "--add-modules", "java.base,java.desktop,java.logging,java.management,jdk.unsupported",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString())), "jlink");
        Set<String> libraries = new LinkedHashSet<>();
        List<Path> binaries = new ArrayList<>(List.of(jre.resolve("bin/java")));
        try (var files = Files.walk(jre.resolve("lib"))) {
            files.filter(p -> p.toString().endsWith(".so")).forEach(binaries::add);
        }
        for (Path binary : binaries) {
            Result ldd = run(List.of("ldd", binary.toString()));
            Matcher m = LIBRARY.matcher(ldd.output);
            while (m.find()) {
                if (!m.group(1).startsWith(jre.toString())) {
                    libraries.add(m.group(1));
                }
            }
        }
        for (String library : libraries) {
            Path target = root.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        for (String applet : List.of("sh", "cp", "sleep", "mkdir", "rm", "mv", "cat", "kill", "env", "true", "ls", "df", "test",
                "tail", "ps")) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path lib = Files.createDirectories(root.resolve(ENGINE.substring(1) + "/lib"));
        Files.createDirectories(root.resolve(ENGINE.substring(1) + "/libs"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (Files.isDirectory(path) && path.endsWith("classes") && !path.endsWith("test-classes")) {
                copyTree(path, lib.resolve("classes"));
            } else if (name.matches("(jhdf|slf4j-api|commons-lang3|compress-lzf|lz4-java)-.*\\.jar")) {
                Files.copy(path, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String program : List.of("RasUnsteady", "RasGeomPreprocess", "Ras")) {
            Path launcher = root.resolve(ENGINE.substring(1)).resolve(program);
            // the stand-in runs as a child of this script, as the real engine's programs are a process tree
            Files.writeString(launcher, "#!/bin/sh\n/opt/jre/bin/java -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                    + ENGINE + "/lib/classes:" + ENGINE + "/lib/*' io.rasfleet.sim.RasSim " + program + " \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path tar = scratch.resolve("engine-rootfs.tar");
        check(run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), ".")), "tar");
        check(run(List.of("docker", "import", "--change", "ENV PATH=/opt/jre/bin:/bin", "--change", "ENV JAVA_HOME=/opt/jre",
                tar.toString(), TAG)), "docker import");
        Files.delete(tar);
        built = true;
        return TAG;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    record Result(int code, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }

    private static void check(Result result, String what) throws IOException {
        if (result.code != 0) {
            throw new IOException(what + " failed: " + result.output);
        }
    }
}
