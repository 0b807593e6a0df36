package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real service a test starts on a free loopback port (sshd, smbd): started, stopped with every
 * connection it serves (as a machine going away), started again on the same port.
 */
abstract class LoopbackService implements AutoCloseable {

    protected final Path folder;
    protected final int port;
    private Process process;

    protected LoopbackService(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** The service's command line, in the foreground, its output to {@link #log()}. */
    protected abstract ProcessBuilder command();

    /** Where the service says why it did not start. */
    protected abstract Path log();

    protected void startProcess() throws IOException, InterruptedException {
        process = command().start();
        Processes.awaitPort(process, port, Duration.ofSeconds(20), log());
    }

    /** Stops the service and every connection it serves, as a machine going away does. */
    public void stop() {
        Processes.stopTree(process);
        process = null;
    }

    /** Starts it again on the same port with the same configuration. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
