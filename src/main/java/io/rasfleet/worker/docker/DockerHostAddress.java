package io.rasfleet.worker.docker;

import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.ssh.SshLogin;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a Docker engine answers: its local socket, {@code tcp://host:port} (TLS when certificates
 * are configured) or {@code ssh://user@host[:port]} (the engine's socket reached through SSH).
 */
public record DockerHostAddress(Scheme scheme, String host, int port, String user, String socketPath) {

    public enum Scheme { UNIX, TCP, SSH }

    public static final String DEFAULT = "unix:///var/run/docker.sock";

    /** The worker's {@code docker_host}: none means the default local socket; {@code ssh://} without a user takes {@code username}. */
    public static DockerHostAddress parse(String worker, DockerSettings settings) {
        String text = settings.dockerHost();
        String value = text == null || text.isBlank() ? DEFAULT : text.strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw refused(worker, value, "it is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getHost() != null) {
                    throw refused(worker, value, "a socket is written unix:///path/to/docker.sock");
                }
                return new DockerHostAddress(Scheme.UNIX, null, 0, null, uri.getPath());
            }
            case "tcp" -> {
                if (uri.getHost() == null || uri.getPort() < 1 || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                    throw refused(worker, value, "an engine over TCP is written tcp://host:port");
                }
                return new DockerHostAddress(Scheme.TCP, uri.getHost(), uri.getPort(), null, null);
            }
            case "ssh" -> {
                if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                    throw refused(worker, value, "an engine over SSH is written ssh://user@host[:port]");
                }
                String user = uri.getUserInfo() != null ? uri.getUserInfo() : settings.username();
                if (user == null || user.contains(":")) {
                    throw refused(worker, value, "ssh:// needs a user (ssh://user@host) and never a password");
                }
                SshLogin.checkUser(worker, user, "docker_host");
                return new DockerHostAddress(Scheme.SSH, uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), user, null);
            }
            default -> throw refused(worker, value, "the scheme must be unix://, tcp:// or ssh://");
        }
    }

    private static WorkerConfigException refused(String worker, String value, String why) {
        return new WorkerConfigException("docker_host", "docker_host '" + value + "' of worker " + worker + " is refused: " + why);
    }

    @Override
    public String toString() {
        return switch (scheme) {
            case UNIX -> "unix://" + socketPath;
            case TCP -> "tcp://" + host + ":" + port;
            case SSH -> "ssh://" + user + "@" + host + ":" + port;
        };
    }
}
