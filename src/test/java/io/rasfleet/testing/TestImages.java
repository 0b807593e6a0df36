package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker images made here, because none can be pulled: a root file system of a {@code jlink}
 * runtime, the shared libraries it needs, a static busybox, put together with {@code docker import}.
 * Two of them: the Linux engine image (the stand-in as {@code /opt/ras/RasUnsteady}) and the base
 * image of the project's own Dockerfile. Each is built once per test JVM.
 */
public final class TestImages {

    public static final String ENGINE_TAG = "rasfleet-test-engine:latest";
    public static final String SERVER_BASE_TAG = "rasfleet-test-jre:latest";
    public static final String ENGINE = "/opt/ras";
    /** Where the engine image also holds the engine as HEC-RAS version 6.5, for workers that find it by version. */
    public static final String INSTALL_ROOT = "/opt/hecras";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");
    private static final Set<String> BUILT = new java.util.HashSet<>();

    private TestImages() {
    }

    /** True when a Docker engine answers on the local socket. */
    public static boolean engineAnswers() {
        try {
            return Files.exists(Path.of("/var/run/docker.sock"))
                    && Processes.run(List.of("docker", "version", "--format", "{{.Server.Version}}")).code() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips (or fails, when required) without a Docker engine and a static busybox. */
    public static void needDocker() throws IOException, InterruptedException {
        Services.need("docker", engineAnswers(), "no Docker engine answers on /var/run/docker.sock (Debian: docker.io, then"
                + " dockerd --iptables=false --bridge=none)");
        Services.need("docker", Files.isExecutable(BUSYBOX) && Processes.run(List.of("ldd", BUSYBOX.toString())).code() != 0,
                BUSYBOX + " is missing or not static (Debian: busybox-static)");
    }

    /** The Linux engine image: the stand-in's classes from the test class path behind HEC-RAS's program names. */
    public static synchronized String engine(Path scratch) throws IOException, InterruptedException {
        needDocker();
        if (BUILT.contains(ENGINE_TAG)) {
            return ENGINE_TAG;
        }
        Path root = scratch.resolve("engine-rootfs");
        runtime(root, "java.base,java.desktop,java.logging,java.management,jdk.unsupported");
        busybox(root, List.of("sh", "cp", "sleep", "mkdir", "rm", "mv", "cat", "kill", "env", "true", "ls", "df", "test",
                "tail", "ps", "renice", "touch", "find", "stat", "sha256sum"));
        // Debian's static busybox has no nice applet ("applet not found", exit 127), and a worker of
        // ras-commander's default priority (low) runs the engine under nice: a nice of renice and exec
        Path nice = Files.writeString(root.resolve("bin/nice"), "#!/bin/sh\n[ \"$1\" = -n ] && { n=$2; shift 2; }\n"
                + "renice -n \"${n:-10}\" -p $$ >/dev/null || exit 125\nexec \"$@\"\n");
        Files.setPosixFilePermissions(nice, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        StandIn.selfContainedLinuxEngine(root.resolve(ENGINE.substring(1)), "/opt/jre/bin/java", ENGINE);
        Path installs = Files.createDirectories(root.resolve(INSTALL_ROOT.substring(1)));
        Files.createSymbolicLink(installs.resolve("6.5"), Path.of(ENGINE));
        Files.createDirectories(installs.resolve("6.6/libs"));
        importImage(root, scratch, ENGINE_TAG);
        return ENGINE_TAG;
    }

    /** A Java runtime with every JDK module and a busybox shell: what WildFly's standalone.sh needs. */
    public static synchronized String serverBase(Path scratch) throws IOException, InterruptedException {
        needDocker();
        if (BUILT.contains(SERVER_BASE_TAG)) {
            return SERVER_BASE_TAG;
        }
        Path root = scratch.resolve("server-base-rootfs");
        runtime(root, "ALL-MODULE-PATH");
        List<String> applets = new ArrayList<>(List.of(Processes.run(List.of(BUSYBOX.toString(), "--list")).output().split("\\s+")));
        applets.remove("busybox");
        busybox(root, applets);
        importImage(root, scratch, SERVER_BASE_TAG);
        return SERVER_BASE_TAG;
    }

    private static void runtime(Path root, String modules) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        Processes.check(Processes.run(List.of("chmod", "1777", tmp.toString())), "chmod");
        Path jre = root.resolve("opt/jre");
        Path home = Path.of(System.getProperty("java.home"));
        Processes.check(Processes.run(List.of(home.resolve("bin/jlink").toString(), "--module-path", home.resolve("jmods").toString(),
                "--add-modules", modules, "--strip-debug", "--no-header-files", "--no-man-pages", "--output", jre.toString())),
                "jlink");
        Set<String> libraries = new LinkedHashSet<>();
        List<Path> binaries = new ArrayList<>();
        try (var files = Files.walk(jre)) {
            files.filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin")).forEach(binaries::add);
        }
        for (Path binary : binaries) {
            Matcher m = LIBRARY.matcher(Processes.run(List.of("ldd", binary.toString())).output());
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
    }

    private static void busybox(Path root, List<String> applets) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        for (String applet : applets) {
            if (!applet.isBlank() && !Files.exists(bin.resolve(applet), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Path usrBin = Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("env"), Path.of("/bin/busybox"));
    }

    private static void importImage(Path root, Path scratch, String tag) throws IOException, InterruptedException {
        Path tar = scratch.resolve(root.getFileName() + ".tar");
        Processes.check(Processes.run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), ".")), "tar");
        Processes.check(Processes.run(List.of("docker", "import", "--change", "ENV PATH=/opt/jre/bin:/bin:/usr/bin", "--change",
                "ENV JAVA_HOME=/opt/jre", tar.toString(), tag)), "docker import");
        Files.delete(tar);
        BUILT.add(tag);
    }
}
