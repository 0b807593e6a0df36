package io.rasfleet.worker.ssh;

import io.rasfleet.transfer.Causes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One logged-in SSH connection: exec channels for commands, SFTP for files. Every failure to get
 * there says which step failed (reaching the host, its key, logging in) and never holds a secret.
 */
final class SshConnection implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final SshTarget target;
    private final SshClient client;
    private final ClientSession session;

    private SshConnection(SshTarget target, SshClient client, ClientSession session) {
        this.target = target;
        this.client = client;
        this.session = session;
    }

    /** Which step of {@link #open} failed. */
    enum Step { HOST, HOST_KEY, KEY_FILE, AUTHENTICATION }

    /** Any failure to log in makes the worker unusable until a check passes: reachable or not, it is not usable. */
    static final class OpenException extends io.rasfleet.worker.WorkerUnreachableException {
        final Step step;

        OpenException(Step step, String message, Throwable cause) {
            super(message, cause);
            this.step = step;
        }
    }

    static SshConnection open(SshTarget target) throws OpenException {
        Iterable<KeyPair> keys = target.keyFile() == null ? java.util.List.of() : keys(target);
        HostKeyPolicy policy = new HostKeyPolicy(target.pinnedFingerprint(), target.knownHosts(), target.host() + ":" + target.port());
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(policy);
        client.start();
        ClientSession session = null;
        try {
            try {
                session = client.connect(target.user(), target.host(), target.port()).verify(CONNECT_TIMEOUT).getSession();
            } catch (IOException e) {
                if (policy.refusal() != null) {
                    throw new OpenException(Step.HOST_KEY, policy.refusal(), null);
                }
                throw new OpenException(Step.HOST, "cannot reach " + target.host() + ":" + target.port() + ": " + Causes.root(e), e);
            }
            for (KeyPair key : keys) {
                session.addPublicKeyIdentity(key);
            }
            if (target.credentialAlias() != null) {
                char[] password;
                try {
                    password = io.rasfleet.worker.Secrets.current().password(target.credentialAlias());
                } catch (io.rasfleet.worker.WorkerConfigException e) {
                    throw new OpenException(Step.KEY_FILE, e.getMessage(), null);
                }
                try {
                    session.addPasswordIdentity(new String(password));
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
            }
            try {
                session.auth().verify(CONNECT_TIMEOUT);
            } catch (IOException e) {
                if (policy.refusal() != null) {
                    throw new OpenException(Step.HOST_KEY, policy.refusal(), null);
                }
                throw new OpenException(Step.AUTHENTICATION, "logging in to " + target + " with " + target.login()
                        + " failed: " + Causes.root(e), e);
            }
            return new SshConnection(target, client, session);
        } catch (OpenException e) {
            closeQuietly(session, client);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(session, client);
            throw new OpenException(Step.HOST, "cannot connect to " + target + ": " + Causes.described(e), e);
        }
    }

    private static Iterable<KeyPair> keys(SshTarget target) throws OpenException {
        if (!Files.isReadable(target.keyFile())) {
            throw new OpenException(Step.KEY_FILE, "the key file " + target.keyFile() + " cannot be read by the app server", null);
        }
        try (InputStream in = Files.newInputStream(target.keyFile())) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(target.keyFile().toString()),
                    in, FilePasswordProvider.EMPTY);
            if (keys == null || !keys.iterator().hasNext()) {
                throw new OpenException(Step.KEY_FILE, "the key file " + target.keyFile() + " holds no private key", null);
            }
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof OpenException o) {
                throw o;
            }
            throw new OpenException(Step.KEY_FILE, "the key file " + target.keyFile() + " cannot be read as an unencrypted"
                    + " OpenSSH or PEM private key: " + Causes.described(e), e);
        }
    }

    SshTarget target() {
        return target;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** A finished command's exit code and output (stdout, then stderr). */
    record Result(Integer exitCode, String output) {
        boolean ok() {
            return exitCode != null && exitCode == 0;
        }
    }

    /** Runs a short command to its end. */
    Result run(String command, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Integer exitCode = runTo(command, out, out, timeout);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8).strip());
    }

    /**
     * Runs a command to its end and gives its standard output exactly as printed (a listing whose
     * last file name ends in a space must keep it); fails, with its standard error, unless it exits 0.
     */
    String output(String command, String what, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer exitCode = runTo(command, out, err, timeout);
        if (exitCode == null || exitCode != 0) {
            throw new IOException(what + " failed on " + target.host() + " (exit code " + exitCode + "): "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Integer runTo(String command, OutputStream out, OutputStream err, Duration timeout) throws IOException {
        try (ChannelExec channel = start(command, out, err)) {
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IOException("'" + command + "' did not end within " + timeout.toSeconds() + " s on " + target.host());
            }
            if (channel.getExitStatus() == null && !session.isOpen()) {
                throw lost(null);
            }
            return channel.getExitStatus();
        }
    }

    /** Runs a short command and fails, with its output, unless it exits 0. */
    String require(String command, String what) throws IOException {
        Result result = run(command, Duration.ofMinutes(5));
        if (!result.ok()) {
            throw new IOException(what + " failed on " + target.host() + " (exit code " + result.exitCode() + "): "
                    + result.output());
        }
        return result.output();
    }

    ChannelExec start(String command, OutputStream out, OutputStream err) throws IOException {
        try {
            ChannelExec channel = session.createExecChannel(command);
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(CONNECT_TIMEOUT);
            return channel;
        } catch (IOException | RuntimeException e) {
            if (!session.isOpen()) {
                throw lost(e);
            }
            throw new IOException("cannot start a command on " + target.host() + ": " + Causes.described(e), e);
        }
    }

    SftpClient sftp() throws IOException {
        try {
            return SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException e) {
            if (!session.isOpen()) {
                throw lost(e);
            }
            throw new IOException("cannot open SFTP on " + target.host() + ": " + Causes.described(e), e);
        }
    }

    IOException lost(Throwable cause) {
        return new io.rasfleet.worker.WorkerUnreachableException("the SSH connection to " + target.host() + ":" + target.port() + " was lost"
                + (cause == null ? "" : " (" + Causes.described(cause) + ")"), cause);
    }

    @Override
    public void close() {
        closeQuietly(session, client);
    }

    private static void closeQuietly(ClientSession session, SshClient client) {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }
}
