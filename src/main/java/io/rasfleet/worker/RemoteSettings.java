package io.rasfleet.worker;

import java.util.regex.Pattern;

/**
 * What a worker on another machine or engine needs beyond {@link WorkerSpec}'s common fields, with
 * ras-commander's names in the JSON. Each worker type checks the fields it uses in {@link #validate};
 * a local worker has none ({@link #NONE}).
 *
 * @param hostname           the SSH host (a name or an IP address, nothing a shell could read)
 * @param port               the SSH port, 22 when absent
 * @param username           the SSH user, also for an {@code ssh://} Docker host without one
 * @param sshKeyPath         the private key file on the app server (OpenSSH or PEM format)
 * @param knownHostsPath     the known_hosts file that host keys are checked against; the app server
 *                           user's {@code ~/.ssh/known_hosts} when absent
 * @param hostKeyFingerprint a pinned host key ({@code SHA256:...}), accepted instead of known_hosts
 * @param credentialAlias    the alias of the login password in the server's credential store (see
 *                           {@link Secrets}); the password itself is never configuration
 * @param rasEnginePath      the folder of HEC-RAS's Linux engine ({@code RasUnsteady}, {@code libs/})
 * @param preprocessOnHost   plans without compute inputs get them from a Windows-capable worker first
 * @param dockerImage        the image holding the Linux engine
 * @param dockerHost         {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2376} or
 *                           {@code ssh://user@host[:port]}
 * @param dockerCertPath     for {@code tcp://}: the folder with {@code ca.pem}, {@code cert.pem}, {@code key.pem}
 * @param cpuLimit           CPUs a container may use (fractions allowed); none when absent
 * @param memoryLimit        memory a container may use, as Docker writes it ({@code 4g}, {@code 512m})
 * @param sharePath          a Windows worker's share, {@code \\host\Share} (never a mapped drive)
 * @param sessionId          the desktop session PsExec starts HEC-RAS in ({@code -i}); never 0, the services' session
 * @param psexecPath         PsExec on the app server; looked for in the usual places when absent
 */
public record RemoteSettings(
        String hostname,
        Integer port,
        String username,
        String sshKeyPath,
        String knownHostsPath,
        String hostKeyFingerprint,
        String credentialAlias,
        String rasEnginePath,
        boolean preprocessOnHost,
        String dockerImage,
        String dockerHost,
        String dockerCertPath,
        Double cpuLimit,
        String memoryLimit,
        String sharePath,
        Integer sessionId,
        String psexecPath) {

    public static final RemoteSettings NONE = new RemoteSettings(null, null, null, null, null, null, null, null, false, null,
            null, null, null, null, null, null, null);

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");
    private static final Pattern WINDOWS_USER = Pattern.compile("(?:[A-Za-z0-9][A-Za-z0-9.-]{0,63}\\\\)?[A-Za-z0-9._ -]{1,104}"
            + "|[A-Za-z0-9._-]{1,64}@[A-Za-z0-9.-]{1,190}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})([bkmgBKMG]?)");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,254}");

    public int portOrDefault() {
        return port == null ? 22 : port;
    }

    /** Docker's memory limit in bytes, null when there is none. */
    public Long memoryLimitBytes() {
        if (memoryLimit == null) {
            return null;
        }
        var m = MEMORY.matcher(memoryLimit.strip());
        m.matches();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** Checks the fields {@code type} uses; refuses a bad one naming it. */
    void validate(String worker, WorkerType type) {
        switch (type) {
            case LOCAL -> {
            }
            case SSH -> {
                host(worker);
                user(worker, username, "username");
                sshCommon(worker);
                WorkerSpec.require(worker, "ras_engine_path", rasEnginePath);
                absolutePosix(worker, "ras_engine_path", rasEnginePath);
            }
            case PSEXEC -> {
                host(worker);
                io.rasfleet.worker.psexec.UncPath unc = io.rasfleet.worker.psexec.UncPath.parse(worker, sharePath);
                if (sessionId == null) {
                    throw new WorkerConfigException("session_id", "session_id is required for worker " + worker + ": the"
                            + " desktop session HEC-RAS runs in (query session on the machine lists them)");
                }
                if (sessionId < 1 || sessionId > 65535) {
                    throw new WorkerConfigException("session_id", "session_id of worker " + worker + " must be a desktop session"
                            + " (1 or more), not " + sessionId + ": session 0 has no desktop and HEC-RAS hangs there");
                }
                if (username != null && !WINDOWS_USER.matcher(username).matches()) {
                    throw new WorkerConfigException("username", "username '" + username + "' of worker " + worker
                            + " is not a Windows account (user, DOMAIN\\user or user@domain)");
                }
                if (username != null && credentialAlias == null || username == null && credentialAlias != null) {
                    throw new WorkerConfigException("credential_alias", "worker " + worker + " needs username and"
                            + " credential_alias together, or neither (the app server's Windows account)");
                }
                if (credentialAlias != null && !ALIAS.matcher(credentialAlias).matches()) {
                    throw new WorkerConfigException("credential_alias", "credential_alias of worker " + worker
                            + " must be a credential store alias, never the password itself");
                }
                if (!unc.host().equalsIgnoreCase(hostname)) {
                    throw new WorkerConfigException("share_path", "share_path " + unc + " of worker " + worker
                            + " is not on its hostname " + hostname);
                }
                if (psexecPath != null) {
                    WorkerSpec.require(worker, "psexec_path", psexecPath);
                }
            }
            case DOCKER -> {
                WorkerSpec.require(worker, "docker_image", dockerImage);
                if (!IMAGE.matcher(dockerImage).matches()) {
                    throw new WorkerConfigException("docker_image", "docker_image '" + dockerImage + "' of worker " + worker
                            + " is not an image reference (lower-case name, optional :tag or @digest)");
                }
                WorkerSpec.require(worker, "ras_engine_path", rasEnginePath);
                absolutePosix(worker, "ras_engine_path", rasEnginePath);
                DockerHostAddress.parse(worker, dockerHost, username);
                if (cpuLimit != null && !(cpuLimit > 0 && cpuLimit <= 1024)) {
                    throw new WorkerConfigException("cpu_limit", "cpu_limit of worker " + worker + " must be above 0, not "
                            + cpuLimit);
                }
                if (memoryLimit != null && (!MEMORY.matcher(memoryLimit.strip()).matches() || memoryLimitBytes() < (6L << 20))) {
                    throw new WorkerConfigException("memory_limit", "memory_limit '" + memoryLimit + "' of worker " + worker
                            + " must be a size of at least 6m such as 512m or 4g");
                }
                if (sshKeyPath != null || knownHostsPath != null || hostKeyFingerprint != null || credentialAlias != null) {
                    sshCommon(worker);
                }
            }
        }
    }

    private void host(String worker) {
        WorkerSpec.require(worker, "hostname", hostname);
        if (!HOST.matcher(hostname).matches()) {
            throw new WorkerConfigException("hostname", "hostname '" + hostname + "' of worker " + worker
                    + " is not a host name or IP address");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new WorkerConfigException("port", "port of worker " + worker + " must be 1 to 65535, not " + port);
        }
    }

    static void user(String worker, String user, String field) {
        WorkerSpec.require(worker, field, user);
        if (!USER.matcher(user).matches()) {
            throw new WorkerConfigException(field, field + " '" + user + "' of worker " + worker
                    + " is not a user name (letters, digits, '.', '_' or '-')");
        }
    }

    private void sshCommon(String worker) {
        if (sshKeyPath == null && credentialAlias == null) {
            throw new WorkerConfigException("ssh_key_path", "worker " + worker + " needs ssh_key_path (a private key file) or"
                    + " credential_alias (a password in the server's credential store) to log in");
        }
        if (sshKeyPath != null) {
            WorkerSpec.require(worker, "ssh_key_path", sshKeyPath);
        }
        if (credentialAlias != null && !ALIAS.matcher(credentialAlias).matches()) {
            throw new WorkerConfigException("credential_alias", "credential_alias of worker " + worker
                    + " must be a credential store alias (letters, digits, '.', '_' or '-'), never the password itself");
        }
        if (knownHostsPath != null) {
            WorkerSpec.require(worker, "known_hosts_path", knownHostsPath);
        }
        if (hostKeyFingerprint != null && !FINGERPRINT.matcher(hostKeyFingerprint).matches()) {
            throw new WorkerConfigException("host_key_fingerprint", "host_key_fingerprint of worker " + worker
                    + " must look like SHA256:<43 base64 characters>, as ssh-keygen -lf prints it");
        }
    }

    private static void absolutePosix(String worker, String field, String path) {
        if (!path.startsWith("/")) {
            throw new WorkerConfigException(field, field + " '" + path + "' of worker " + worker
                    + " must be an absolute path on the Linux machine");
        }
    }
}
