package io.rasfleet.worker.ssh;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.worker.linux.EngineCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;

/**
 * A program running on the SSH host. Closing an SSH channel does not end a program, so a kill
 * signals the program's process group on the host by the pid it printed when it started. A kill
 * that comes before that line has travelled back waits for it (the launch prints it first, so it
 * is milliseconds away) rather than close the channel on a program that would compute on.
 */
final class SshEngineCommand implements EngineCommand {

    private static final Pattern PID = Pattern.compile("rasfleet-pid (\\d+)");
    private static final int OUTPUT_LIMIT = 64 * 1024;
    /** How long a kill waits for the launch's pid line; a host that takes longer is far gone. */
    static final Duration PID_WAIT = Duration.ofSeconds(30);

    private final SshConnection connection;
    private final ChannelExec channel;
    private final Bounded output;
    private volatile boolean killed;

    private SshEngineCommand(SshConnection connection, ChannelExec channel, Bounded output) {
        this.connection = connection;
        this.channel = channel;
        this.output = output;
    }

    static SshEngineCommand start(SshConnection connection, String command) throws IOException {
        Bounded output = new Bounded();
        return new SshEngineCommand(connection, connection.start(command, output, output), output);
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws IOException {
        Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS),
                timeout.toMillis());
        Integer status = channel.getExitStatus();
        if (status != null) {
            return OptionalInt.of(status);
        }
        if (events.contains(ClientChannelEvent.CLOSED)) {
            if (!connection.isOpen()) {
                throw connection.lost(null);
            }
            if (channel.getExitSignal() != null) {
                // sshd reports a program killed by a signal this way; shells write it 128 + the signal
                return OptionalInt.of(128 + signalNumber(channel.getExitSignal()));
            }
            throw new IOException("the command on " + connection.target().host() + " ended without an exit status");
        }
        return OptionalInt.empty();
    }

    private static int signalNumber(String name) {
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ABRT" -> 6;
            case "KILL" -> 9;
            case "SEGV" -> 11;
            case "TERM" -> 15;
            default -> 0;
        };
    }

    @Override
    public String output() {
        return PID.matcher(output.toString(StandardCharsets.UTF_8)).replaceFirst("").strip();
    }

    /** The pid the launch line printed, once it has. */
    private Long pid() {
        Matcher m = PID.matcher(output.toString(StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    /**
     * The pid, waiting up to {@code limit} for its line while the channel is open: null when the
     * program ended (or never started) without printing it.
     */
    private Long awaitPid(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (output) {
            Long pid = pid();
            while (pid == null && !channel.isClosed() && !channel.isClosing() && connection.isOpen()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                // woken by each write of output; the timeout covers a channel that closes silently
                output.wait(Math.max(1, Math.min(left / 1_000_000, 100)));
                pid = pid();
            }
            return pid;
        }
    }

    @Override
    public void kill() {
        if (killed) {
            return;
        }
        killed = true;
        Long pid = null;
        try {
            pid = awaitPid(PID_WAIT);
            if (pid != null && connection.isOpen()) {
                connection.run("kill -KILL -- -" + pid + " 2>/dev/null; kill -KILL " + pid + " 2>/dev/null; true",
                        Duration.ofSeconds(30));
            } else if (pid == null && !channel.isClosed() && !channel.isClosing()) {
                LOG.notKilled("the program whose pid line did not come within " + PID_WAIT.toSeconds() + " s",
                        connection.target().host(), null);
            }
        } catch (IOException e) {
            LOG.notKilled("pid " + pid, connection.target().host(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.notKilled("the program whose pid line had not come when the kill was interrupted", connection.target().host(), e);
        } finally {
            channel.close(true);
        }
    }

    /** Keeps the start of the output (where the pid is) and drops what exceeds the limit. */
    private static final class Bounded extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = OUTPUT_LIMIT - count;
            if (room > 0) {
                super.write(b, off, Math.min(room, len));
            }
            notifyAll();
        }

        @Override
        public synchronized void write(int b) {
            if (count < OUTPUT_LIMIT) {
                super.write(b);
            }
            notifyAll();
        }
    }
}
