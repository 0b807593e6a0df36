package io.rasfleet.worker.ssh;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * Which host keys are accepted: the one pinned by its fingerprint, or else those in a known_hosts
 * file. An unknown or changed key is refused, and {@link #refusal} says why with the key's
 * fingerprint, so that an operator can compare it with {@code ssh-keygen -lf} on the host.
 */
final class HostKeyPolicy implements ServerKeyVerifier {

    private final String pinned;
    private final Path knownHosts;
    private final String target;
    private volatile String refusal;

    HostKeyPolicy(String pinned, Path knownHosts, String target) {
        this.pinned = pinned;
        this.knownHosts = knownHosts;
        this.target = target;
    }

    String refusal() {
        return refusal;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress address, PublicKey key) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        String type = KeyUtils.getKeyType(key);
        if (pinned != null) {
            if (pinned.equals(fingerprint)) {
                return true;
            }
            refusal = "the host key of " + target + " (" + type + " " + fingerprint + ") is not the pinned host_key_fingerprint "
                    + pinned;
            return false;
        }
        KnownHostsServerKeyVerifier known = new KnownHostsServerKeyVerifier((s, a, k) -> {
            refusal = "the host key of " + target + " (" + type + " " + fingerprint + ") is unknown: it is not in " + knownHosts
                    + "; add it there (ssh-keyscan) or pin it with host_key_fingerprint";
            return false;
        }, knownHosts);
        known.setModifiedServerKeyAcceptor((s, a, entry, expected, actual) -> {
            refusal = "the host key of " + target + " has CHANGED: it is now " + type + " " + fingerprint + ", " + knownHosts
                    + " holds " + KeyUtils.getFingerPrint(expected) + "; refused (a new machine, or someone in between)";
            return false;
        });
        return known.verifyServerKey(session, address, key);
    }
}
