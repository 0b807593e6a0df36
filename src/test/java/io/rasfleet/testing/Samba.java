package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Samba server for one test class: loopback, a free high port, a throwaway configuration,
 * one share {@code RasShare} and one user. Skips (or fails, when required) where {@code smbd} is
 * absent or the tests do not run as root (Samba's users are system users).
 */
public final class Samba implements AutoCloseable {

    public static final Path SMBD = Path.of("/usr/sbin/smbd");
    public static final String SHARE = "RasShare";
    public static final String USER = "rfsmb";

    private final Path folder;
    private final int port;
    private final String password;
    private Process process;

    private Samba(Path folder, int port, String password) {
        this.folder = folder;
        this.port = port;
        this.password = password;
    }

    public static Samba start(Path folder, String password) throws IOException, InterruptedException {
        Services.need("samba", Files.isExecutable(SMBD) && Files.isExecutable(Path.of("/usr/bin/smbpasswd")),
                SMBD + " is not installed (Debian: samba)");
        Services.need("samba", "0".equals(Sshd.run("id", "-u").strip()), "a Samba user needs a system user, made as root");
        Samba samba = new Samba(folder, Sshd.freePort(), password);
        for (String dir : List.of("share", "private", "lock", "state", "cache", "pid", "log", "state/ncalrpc")) {
            Files.createDirectories(folder.resolve(dir));
        }
        Files.writeString(samba.config(), String.join("\n",
                "[global]",
                "  smb ports = " + samba.port,
                "  interfaces = lo",
                "  bind interfaces only = yes",
                "  private dir = " + folder.resolve("private"),
                "  lock directory = " + folder.resolve("lock"),
                "  state directory = " + folder.resolve("state"),
                "  cache directory = " + folder.resolve("cache"),
                "  pid directory = " + folder.resolve("pid"),
                "  ncalrpc dir = " + folder.resolve("state/ncalrpc"),
                "  log file = " + folder.resolve("log/smbd.log"),
                "  passdb backend = tdbsam:" + folder.resolve("private/passdb.tdb"),
                "  server role = standalone server",
                "  map to guest = never",
                "  load printers = no",
                "  disable spoolss = yes",
                "  server min protocol = SMB2",
                "[" + SHARE + "]",
                "  path = " + folder.resolve("share"),
                "  read only = no",
                "  force user = root", ""));
        if (Sshd.runQuietly("id", USER) != 0) {
            Sshd.run("useradd", "-M", "-s", "/usr/sbin/nologin", USER);
        }
        Process add = new ProcessBuilder("smbpasswd", "-c", samba.config().toString(), "-s", "-a", USER).redirectErrorStream(true)
                .start();
        add.getOutputStream().write((password + "\n" + password + "\n").getBytes());
        add.getOutputStream().close();
        String said = new String(add.getInputStream().readAllBytes());
        if (add.waitFor() != 0) {
            throw new IOException("smbpasswd failed: " + said);
        }
        samba.startProcess();
        return samba;
    }

    private Path config() {
        return folder.resolve("smb.conf");
    }

    private void startProcess() throws IOException, InterruptedException {
        process = new ProcessBuilder(SMBD.toString(), "--foreground", "--no-process-group", "-s", config().toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("log/smbd.out").toFile()).start();
        Processes.awaitPort(process, port, Duration.ofSeconds(20), folder.resolve("log/smbd.out"));
    }

    /** Stops Samba and every connection it serves, as a machine going away does. */
    public void stop() {
        Processes.stopTree(process);
        process = null;
    }

    /** Starts it again on the same port with the same share and user. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The share's folder on this machine: what {@code C:\RasShare} is on a Windows worker. */
    public Path shareFolder() {
        return folder.resolve("share");
    }

    @Override
    public void close() {
        stop();
    }
}
