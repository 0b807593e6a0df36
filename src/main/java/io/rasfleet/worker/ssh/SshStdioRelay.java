package io.rasfleet.worker.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A Docker engine on another machine reached the way the docker command does for {@code ssh://}:
 * each connection to a Unix socket of the app server becomes an exec of
 * {@code docker system dial-stdio} on the host, whose standard streams are the engine's socket.
 * The socket lies in a folder of its own that only the server's user may open (0700): a TCP port,
 * even on loopback, would let every local user drive the remote engine with the worker's login.
 * Host keys are checked as for SSH workers.
 */
public final class SshStdioRelay implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SshStdioRelay.class.getName());
    /** A Unix socket's path must fit in sun_path (108 bytes on Linux, 104 elsewhere). */
    private static final int SOCKET_PATH_LIMIT = 100;

    private final SshConnection connection;
    private final Path folder;
    private final Path socket;
    private final ServerSocketChannel listener;
    private final Thread acceptor;

    private SshStdioRelay(SshConnection connection, Path folder, Path socket, ServerSocketChannel listener) {
        this.connection = connection;
        this.folder = folder;
        this.socket = socket;
        this.listener = listener;
        this.acceptor = new Thread(this::accept, "rasfleet-docker-ssh-" + connection.target().host());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Logs in to {@code user@host:port} with the worker's key and known hosts (or pinned fingerprint). */
    public static SshStdioRelay open(String host, int port, String user, SshLogin login) throws IOException {
        SshTarget target = SshTarget.of(host, port, user, login);
        SshConnection connection = SshConnection.open(target);
        Path folder = null;
        try {
            folder = privateFolder();
            Path socket = folder.resolve("docker.sock");
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                listener.bind(UnixDomainSocketAddress.of(socket));
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
            return new SshStdioRelay(connection, folder, socket, listener);
        } catch (IOException | RuntimeException e) {
            connection.close();
            removeQuietly(folder);
            throw e;
        }
    }

    /** A new folder only this process's user can open, under the temp folder or, if that path is too long for a socket, /tmp. */
    private static Path privateFolder() throws IOException {
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (temp.toString().length() > SOCKET_PATH_LIMIT - 40) {
            temp = Path.of("/tmp");
        }
        Path folder = Files.createTempDirectory(temp, "rasfleet-docker-ssh-", owner);
        // the umask may have narrowed the mode, never widened it; set it whole all the same
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    /** {@code unix:///...}: where a Docker client on this machine reaches the remote engine. */
    public String localAddress() {
        return "unix://" + socket;
    }

    /** The folder holding the socket, only its owner's to open. */
    Path folder() {
        return folder;
    }

    private void accept() {
        while (listener.isOpen()) {
            try {
                relay(listener.accept());
            } catch (IOException e) {
                if (listener.isOpen()) {
                    io.rasfleet.log.RasfleetLogger.LOG.dockerOverSshFailed(connection.target().host(), e);
                }
            }
        }
    }

    private void relay(SocketChannel client) throws IOException {
        try {
            ChannelExec channel = connection.start("docker system dial-stdio", new ToChannel(client), OutputStream.nullOutputStream());
            Thread pump = new Thread(() -> {
                try (OutputStream toEngine = channel.getInvertedIn(); InputStream fromClient = new FromChannel(client)) {
                    byte[] buffer = new byte[32 * 1024];
                    int n;
                    while ((n = fromClient.read(buffer)) >= 0) {
                        toEngine.write(buffer, 0, n);
                        toEngine.flush();
                    }
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "Docker over SSH", e);
                } finally {
                    channel.waitFor(java.util.EnumSet.of(ClientChannelEvent.CLOSED), 5_000);
                    channel.close(false);
                    closeQuietly(client);
                }
            }, "rasfleet-docker-ssh-pump");
            pump.setDaemon(true);
            pump.start();
            channel.addCloseFutureListener(f -> closeQuietly(client));
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /*
     * The channel's own read and write, not Channels.newInputStream / newOutputStream: on Java 17
     * those take one lock for both directions, so a read waiting for the client would hold up the
     * engine's answer.
     */
    private static final class FromChannel extends InputStream {
        private final SocketChannel channel;

        FromChannel(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
    }

    private static final class ToChannel extends OutputStream {
        private final SocketChannel channel;

        ToChannel(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a relayed socket", e);
        }
    }

    private static void removeQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve("docker.sock"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "removing the relay's folder " + folder, e);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the relay", e);
        } finally {
            try {
                connection.close();
            } finally {
                removeQuietly(folder);
            }
        }
    }
}
