package io.rasfleet.worker.ssh;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.WorkerConfigException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the app server logs in over SSH and which host keys it trusts: for SSH workers, and for
 * Docker engines reached through {@code ssh://}. Holds no secret.
 *
 * @param sshKeyPath         the private key file on the app server (OpenSSH or PEM format)
 * @param knownHostsPath     the known_hosts file that host keys are checked against; the app server
 *                           user's {@code ~/.ssh/known_hosts} when absent
 * @param hostKeyFingerprint a pinned host key ({@code SHA256:...}), accepted instead of known_hosts
 * @param credentialAlias    the alias of the login password in the server's credential store (see
 *                           {@link io.rasfleet.worker.Secrets}); the password itself is never configuration
 */
public record SshLogin(String sshKeyPath, String knownHostsPath, String hostKeyFingerprint, String credentialAlias) {

    /** Its fields in JSON, in the order answers show them. */
    public static final SettingField SSH_KEY_PATH = SettingField.text("ssh_key_path",
            "the private key file on the app server (OpenSSH or PEM format)");
    public static final SettingField KNOWN_HOSTS_PATH = SettingField.text("known_hosts_path",
            "the known_hosts file host keys are checked against; the app server user's ~/.ssh/known_hosts when absent");
    public static final SettingField HOST_KEY_FINGERPRINT = SettingField.text("host_key_fingerprint",
            "a pinned host key (SHA256:...), accepted instead of known_hosts");
    public static final SettingField CREDENTIAL_ALIAS = SettingField.text("credential_alias",
            "the alias of the login password in the server's credential store");
    public static final List<SettingField> FIELDS = List.of(SSH_KEY_PATH, KNOWN_HOSTS_PATH, HOST_KEY_FINGERPRINT, CREDENTIAL_ALIAS);

    /** No login configured. */
    public static final SshLogin NONE = new SshLogin(null, null, null, null);

    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    public static SshLogin read(JsonFields json) {
        return new SshLogin(json.string(SSH_KEY_PATH), json.string(KNOWN_HOSTS_PATH), json.string(HOST_KEY_FINGERPRINT),
                json.string(CREDENTIAL_ALIAS));
    }

    public JsonFields.Writer addTo(JsonFields.Writer out) {
        return out.add("ssh_key_path", sshKeyPath).add("known_hosts_path", knownHostsPath)
                .add("host_key_fingerprint", hostKeyFingerprint).add("credential_alias", credentialAlias);
    }

    /** Whether any of its fields is set. */
    public boolean given() {
        return sshKeyPath != null || knownHostsPath != null || hostKeyFingerprint != null || credentialAlias != null;
    }

    /** A key or an alias to log in with, and well-formed paths and fingerprint. */
    public void validate(String worker) {
        if (sshKeyPath == null && credentialAlias == null) {
            throw new WorkerConfigException("ssh_key_path", "worker " + worker + " needs ssh_key_path (a private key file) or"
                    + " credential_alias (a password in the server's credential store) to log in");
        }
        SettingChecks.optionalText(worker, "ssh_key_path", sshKeyPath);
        SettingChecks.alias(worker, credentialAlias);
        SettingChecks.optionalText(worker, "known_hosts_path", knownHostsPath);
        if (hostKeyFingerprint != null && !FINGERPRINT.matcher(hostKeyFingerprint).matches()) {
            throw new WorkerConfigException("host_key_fingerprint", "host_key_fingerprint of worker " + worker
                    + " must look like SHA256:<43 base64 characters>, as ssh-keygen -lf prints it");
        }
    }

    /** A Linux user name in {@code field}: nothing a shell could read. */
    public static void checkUser(String worker, String user, String field) {
        SettingChecks.text(worker, field, user);
        if (!USER.matcher(user).matches()) {
            throw new WorkerConfigException(field, field + " '" + user + "' of worker " + worker
                    + " is not a user name (letters, digits, '.', '_' or '-')");
        }
    }
}
