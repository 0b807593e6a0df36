package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Samba server for one test class: loopback, a free high port, a throwaway configuration,
 * one share {@code RasShare} and one user. Skips (or fails, when required) where {@code smbd} is
 * absent or the tests do not run as root (Samba's users are system users).
 */
public final class Samba extends LoopbackService {

    public static final Path SMBD = Path.of("/usr/sbin/smbd");
    public static final String SHARE = "RasShare";
    public static final String USER = "rfsmb";

    private Samba(Path folder, int port) {
        super(folder, port);
    }

    public static Samba start(Path folder, String password) throws IOException, InterruptedException {
        Services.need("samba", Files.isExecutable(SMBD) && Files.isExecutable(Path.of("/usr/bin/smbpasswd")),
                SMBD + " is not installed (Debian: samba)");
        Services.need("samba", "0".equals(Processes.output("id", "-u").strip()), "a Samba user needs a system user, made as root");
        Samba samba = new Samba(folder, freePort());
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
        if (Processes.run("id", USER).code() != 0) {
            Processes.output("useradd", "-M", "-s", "/usr/sbin/nologin", USER);
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

    @Override
    protected ProcessBuilder command() {
        return new ProcessBuilder(SMBD.toString(), "--foreground", "--no-process-group", "-s", config().toString())
                .redirectErrorStream(true).redirectOutput(log().toFile());
    }

    @Override
    protected Path log() {
        return folder.resolve("log/smbd.out");
    }

    /** The share's folder on this machine: what {@code C:\RasShare} is on a Windows worker. */
    public Path shareFolder() {
        return folder.resolve("share");
    }

}
