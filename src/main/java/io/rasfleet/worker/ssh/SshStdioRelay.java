package io.rasfleet.worker.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A Docker engine on another machine reached the way the docker command does for {@code ssh://}:
 * each connection to a loopback port of the app server becomes an exec of
 * {@code docker system dial-stdio} on the host, whose standard streams are the engine's socket.
 * Host keys are checked as for SSH workers.
 */
public final class SshStdioRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SshStdioRelay.class.getName());

    private final SshConnection connection;
    private final ServerSocket listener;
    private final Thread acceptor;

    private SshStdioRelay(SshConnection connection, ServerSocket listener) {
        this.connection = connection;
        this.listener = listener;
        this.acceptor = new Thread(this::accept, "rasfleet-docker-ssh-" + connection.target().host());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Logs in to {@code user@host:port} with the worker's key and known hosts (or pinned fingerprint). */
    public static SshStdioRelay open(String host, int port, String user, SshLogin login) throws IOException {
        SshTarget target = SshTarget.of(host, port, user, login);
        SshConnection connection = SshConnection.open(target);
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new SshStdioRelay(connection, listener);
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    /** {@code tcp://127.0.0.1:<port>}: where a Docker client on this machine reaches the remote engine. */
    public String localAddress() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                relay(socket);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    io.rasfleet.log.RasfleetLogger.LOG.dockerOverSshFailed(connection.target().host(), e);
                }
            }
        }
    }

    private void relay(Socket socket) throws IOException {
        try {
            ChannelExec channel = connection.start("docker system dial-stdio", socket.getOutputStream(), OutputStream.nullOutputStream());
            Thread pump = new Thread(() -> {
                try (OutputStream toEngine = channel.getInvertedIn()) {
                    byte[] buffer = new byte[32 * 1024];
                    int n;
                    while ((n = socket.getInputStream().read(buffer)) >= 0) {
                        toEngine.write(buffer, 0, n);
                        toEngine.flush();
                    }
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Docker over SSH", e);
                } finally {
                    channel.waitFor(java.util.EnumSet.of(ClientChannelEvent.CLOSED), 5_000);
                    channel.close(false);
                    closeQuietly(socket);
                }
            }, "rasfleet-docker-ssh-pump");
            pump.setDaemon(true);
            pump.start();
            channel.addCloseFutureListener(f -> closeQuietly(socket));
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a relayed socket", e);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the relay", e);
        } finally {
            connection.close();
        }
    }
}
