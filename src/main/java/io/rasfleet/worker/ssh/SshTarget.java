package io.rasfleet.worker.ssh;

import io.rasfleet.worker.RemoteSettings;
import java.nio.file.Path;

/**
 * Where and as whom to log in, and which host keys to trust. Holds no secret: the key stays in its
 * file, the password in the credential store under {@code credentialAlias} until the login.
 */
record SshTarget(String host, int port, String user, Path keyFile, String credentialAlias, Path knownHosts,
        String pinnedFingerprint) {

    static SshTarget of(RemoteSettings remote) {
        return new SshTarget(remote.hostname(), remote.portOrDefault(), remote.username(),
                remote.sshKeyPath() == null ? null : Path.of(remote.sshKeyPath()), remote.credentialAlias(),
                knownHosts(remote.knownHostsPath()), remote.hostKeyFingerprint());
    }

    /** How it logs in, for messages: the key file or the alias, never a secret. */
    String login() {
        return keyFile != null ? "the key " + keyFile : "the password of credential store alias '" + credentialAlias + "'";
    }

    static Path knownHosts(String configured) {
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
