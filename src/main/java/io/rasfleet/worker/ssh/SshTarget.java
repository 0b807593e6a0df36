package io.rasfleet.worker.ssh;

import io.rasfleet.worker.RemoteSettings;
import java.nio.file.Path;

/** Where and as whom to log in, and which host keys to trust. Holds no secret: the key stays in its file. */
record SshTarget(String host, int port, String user, Path keyFile, Path knownHosts, String pinnedFingerprint) {

    static SshTarget of(RemoteSettings remote) {
        return new SshTarget(remote.hostname(), remote.portOrDefault(), remote.username(), Path.of(remote.sshKeyPath()),
                knownHosts(remote.knownHostsPath()), remote.hostKeyFingerprint());
    }

    static Path knownHosts(String configured) {
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
