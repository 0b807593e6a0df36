package io.rasfleet.api;

import static io.rasfleet.api.RasfleetClient.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.testing.FakePsExec;
import io.rasfleet.testing.Samba;
import io.rasfleet.testing.ServerCredentials;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The remote workers the server ITs drive, one of each kind, each of one slot: {@code linux1} (a
 * real sshd on loopback, the stand-in as its Linux engine), {@code dock1} (this machine's Docker
 * engine, an image built here) and {@code win1} (a real Samba share, PsExec played by
 * {@link FakePsExec}, its login's password in the server's credential store). Closing it stops the
 * services; the workers are removed from the server with {@link #removeFrom}.
 */
final class RemoteFleet implements AutoCloseable {

    static final String[] NAMES = {"linux1", "dock1", "win1"};

    final Sshd sshd;
    final Samba samba;
    final String password;

    private RemoteFleet(Sshd sshd, Samba samba, String password) {
        this.sshd = sshd;
        this.samba = samba;
        this.password = password;
    }

    /**
     * Starts the services under {@code tmp} and adds the three workers to the server that {@code api}
     * reaches, whose home is {@code serverHome} and management port {@code managementPort} (for its
     * credential store).
     */
    static RemoteFleet addTo(RasfleetClient api, Path tmp, Path serverHome, int managementPort) throws Exception {
        String image = TestImages.engine(tmp);
        String password = "Win-" + UUID.randomUUID();
        Sshd sshd = Sshd.start(tmp.resolve("sshd"));
        Samba samba;
        try {
            samba = Samba.start(tmp.resolve("samba"), password);
        } catch (Exception e) {
            sshd.close();
            throw e;
        }
        RemoteFleet fleet = new RemoteFleet(sshd, samba, password);
        fleet.add(api, tmp, image, serverHome, managementPort);
        return fleet;
    }

    private void add(RasfleetClient api, Path tmp, String image, Path serverHome, int managementPort) throws Exception {
        Path engine = StandIn.linuxEngine(tmp.resolve("engine"));
        RasfleetClient.Answer ssh = api.post(ADMIN, "workers", """
                {"name": "linux1", "worker_type": "ssh", "cores_total": 1, "hostname": "127.0.0.1", "port": %d,
                 "username": "%s", "ssh_key_path": "%s", "known_hosts_path": "%s", "worker_folder": "%s",
                 "ras_engine_path": "%s"}""".formatted(sshd.port(), sshd.user(), sshd.userKey(), sshd.knownHosts(),
                tmp.resolve("linux1"), engine));
        assertEquals(201, ssh.status(), ssh.body());
        RasfleetClient.Answer docker = api.post(ADMIN, "workers", """
                {"name": "dock1", "worker_type": "docker", "cores_total": 1, "docker_image": "%s", "ras_engine_path": "%s",
                 "cpu_limit": 1, "memory_limit": "512m", "preprocess_on_host": false}""".formatted(image, TestImages.ENGINE));
        assertEquals(201, docker.status(), docker.body());
        String alias = ServerCredentials.add(tmp, password, serverHome, managementPort);
        Path config = Files.writeString(tmp.resolve("fake-psexec.properties"), String.join("\n",
                "host=127.0.0.1", "sessions=1:Active", "user=" + Samba.USER, "password=" + password,
                "map.0=C:\\RasShare|" + samba.shareFolder(), "map.1=C:\\HEC\\Ras.exe|" + StandIn.rasLauncher(tmp.resolve("hec")),
                "log=" + tmp.resolve("psexec-calls.log"), "").replace("\\", "\\\\"));
        Path psexec = FakePsExec.launcher(tmp.resolve("pstools"), config);
        RasfleetClient.Answer added = api.post(ADMIN, "workers", """
                {"name": "win1", "worker_type": "psexec", "cores_total": 1, "cores_per_plan": 1, "hostname": "127.0.0.1",
                 "port": %d, "share_path": "\\\\\\\\127.0.0.1\\\\RasShare", "session_id": 1, "username": "%s",
                 "credential_alias": "%s", "ras_exe_path": "C:\\\\HEC\\\\Ras.exe", "psexec_path": "%s",
                 "process_priority": "below normal"}""".formatted(samba.port(), Samba.USER, alias, psexec));
        assertEquals(201, added.status(), added.body());
    }

    void removeFrom(RasfleetClient api) throws Exception {
        for (String name : NAMES) {
            api.delete(ADMIN, "workers/" + name);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            samba.close();
        } finally {
            sshd.close();
        }
    }
}
