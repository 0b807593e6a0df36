package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real OpenSSH server for one test class: loopback, a free high port, a throwaway host key and
 * user key, key logins for the user running the tests, SFTP. Skips (or fails, when required)
 * where {@code /usr/sbin/sshd} is absent.
 */
public final class Sshd extends LoopbackService {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private Sshd(Path folder, int port) {
        super(folder, port);
    }

    public static Sshd start(Path folder) throws IOException, InterruptedException {
        return start(folder, java.util.Map.of());
    }

    /** As {@link #start(Path)}, with {@code environment} set for every login (a login node's {@code SLURM_CONF}). */
    public static Sshd start(Path folder, java.util.Map<String, String> environment) throws IOException, InterruptedException {
        Services.need("sshd", Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                SSHD + " is not installed (Debian: openssh-server)");
        Files.createDirectories(folder);
        Sshd sshd = new Sshd(folder, freePort());
        // Bash reads ~/.bashrc for every command sshd runs. The tester's own (on the CI machines it
        // runs `pyenv rehash`, whose lock file a process group killed by a test leaves behind) made
        // every later command wait 60 s for that lock; the sessions get an empty home of their own.
        java.util.Map<String, String> sessionEnvironment = new java.util.LinkedHashMap<>(environment);
        sessionEnvironment.put("HOME", Files.createDirectories(folder.resolve("home")).toString());
        Processes.output("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.resolve("host_key").toString());
        Processes.output("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.resolve("user_key").toString());
        Files.copy(folder.resolve("user_key.pub"), folder.resolve("authorized_keys"));
        Files.writeString(sshd.knownHosts(), "[127.0.0.1]:" + sshd.port + " " + publicKey(folder.resolve("host_key.pub")) + "\n");
        Files.writeString(folder.resolve("sshd_config"), String.join("\n",
                "Port " + sshd.port,
                "ListenAddress 127.0.0.1",
                "HostKey " + folder.resolve("host_key"),
                "PidFile " + folder.resolve("sshd.pid"),
                "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication yes",
                "PermitRootLogin prohibit-password",
                "MaxStartups 100",
                "Subsystem sftp internal-sftp",
                "SetEnv " + sessionEnvironment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(" ")), ""));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd.startProcess();
        return sshd;
    }

    @Override
    protected ProcessBuilder command() {
        return new ProcessBuilder(SSHD.toString(), "-D", "-f", folder.resolve("sshd_config").toString(), "-E", log().toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("sshd.out").toFile());
    }

    @Override
    protected Path log() {
        return folder.resolve("sshd.log");
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path userKey() {
        return folder.resolve("user_key");
    }

    public Path knownHosts() {
        return folder.resolve("known_hosts");
    }

    /** The host key's {@code SHA256:...} fingerprint, as {@code ssh-keygen -lf} prints it. */
    public String hostFingerprint() throws IOException, InterruptedException {
        return Processes.output("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", folder.resolve("host_key.pub").toString()).split("\\s+")[1];
    }

    private static String publicKey(Path pub) throws IOException {
        String[] parts = Files.readString(pub).trim().split("\\s+");
        return parts[0] + " " + parts[1];
    }
}
