package io.rasfleet.worker.ssh;

import java.nio.file.Path;

/**
 * Where and as whom to log in, and which host keys to trust. Holds no secret: the key stays in its
 * file, the password in the credential store under {@code credentialAlias} until the login.
 */
record SshTarget(String host, int port, String user, Path keyFile, String credentialAlias, Path knownHosts,
        String pinnedFingerprint) {

    static SshTarget of(SshSettings remote) {
        return of(remote.hostname(), remote.portOrDefault(), remote.username(), remote.login());
    }

    static SshTarget of(String host, int port, String user, SshLogin login) {
        return new SshTarget(host, port, user, login.sshKeyPath() == null ? null : Path.of(login.sshKeyPath()),
                login.credentialAlias(), knownHosts(login.knownHostsPath()), login.hostKeyFingerprint());
    }

    /** How it logs in, for messages: the key file or the alias, never a secret. */
    String login() {
        return keyFile != null ? "the key " + keyFile : "the password of credential store alias '" + credentialAlias + "'";
    }

    private static Path knownHosts(String configured) {
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
