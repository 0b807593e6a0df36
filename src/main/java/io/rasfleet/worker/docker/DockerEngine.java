package io.rasfleet.worker.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.rasfleet.worker.ssh.SshStdioRelay;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** A client of one Docker engine: its local socket, TCP (with TLS when certificates are set) or SSH. */
final class DockerEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DockerEngine.class.getName());

    private final DockerHostAddress address;
    private final DockerClient client;
    private final SshStdioRelay relay;

    private DockerEngine(DockerHostAddress address, DockerClient client, SshStdioRelay relay) {
        this.address = address;
        this.client = client;
        this.relay = relay;
    }

    static DockerEngine connect(String worker, DockerSettings remote) throws IOException {
        return connect(worker, remote, DockerEngine::client);
    }

    /** How a client is made for the address the engine is reached at (a test makes it fail). */
    interface ClientMaker {
        DockerClient make(String host, DockerHostAddress address, DockerSettings remote) throws IOException;
    }

    static DockerEngine connect(String worker, DockerSettings remote, ClientMaker maker) throws IOException {
        DockerHostAddress address = DockerHostAddress.parse(worker, remote);
        SshStdioRelay relay = address.scheme() == DockerHostAddress.Scheme.SSH
                ? SshStdioRelay.open(address.host(), address.port(), address.user(), remote.login()) : null;
        try {
            String host = relay != null ? relay.localAddress() : address.toString();
            return new DockerEngine(address, maker.make(host, address, remote), relay);
        } catch (IOException | RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            throw e;
        }
    }

    private static DockerClient client(String host, DockerHostAddress address, DockerSettings remote) {
        boolean tls = address.scheme() == DockerHostAddress.Scheme.TCP && remote.dockerCertPath() != null;
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(tls);
        if (tls) {
            config.withDockerCertPath(remote.dockerCertPath());
        }
        DefaultDockerClientConfig built = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(Duration.ofSeconds(15))
                .responseTimeout(Duration.ofMinutes(30))
                .build();
        return DockerClientImpl.getInstance(built, http);
    }

    DockerClient client() {
        return client;
    }

    DockerHostAddress address() {
        return address;
    }

    /** The engine's machine, for attempt records: the host of tcp:// and ssh://, else this machine. */
    String host() {
        return address.host() != null ? address.host() : io.rasfleet.worker.LocalHost.name();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the Docker client", e);
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }
}
