package io.rasfleet.worker.ssh;

import io.rasfleet.transfer.HomeDelivery;
import io.rasfleet.transfer.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A logged-in host's shell and files, for worker types that drive a machine they do not compute on
 * (a Slurm cluster's login node) and for this package's own working folders: commands as words
 * (each single-quoted, see {@link ShellWords}), files through SFTP opened on first use. Holds one
 * SSH connection until closed; a lost connection surfaces as
 * {@link io.rasfleet.worker.WorkerUnreachableException}.
 */
public final class SshShell implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SshShell.class.getName());

    private final SshConnection connection;
    private SftpClient sftp;

    private SshShell(SshConnection connection) {
        this.connection = connection;
    }

    /** Logs in; a failure says which step failed (host, host key, key file or password, authentication). */
    public static SshShell open(String host, int port, String user, SshLogin login) throws io.rasfleet.worker.WorkerUnreachableException {
        return new SshShell(SshConnection.open(SshTarget.of(host, port, user, login)));
    }

    static SshShell over(SshConnection connection) {
        return new SshShell(connection);
    }

    /** What a command printed (stdout and stderr together) and its exit code, -1 when the host gave none. */
    public record Result(int code, String output) {
        public boolean ok() {
            return code == 0;
        }
    }

    /** {@code user@host:port}, for messages. */
    public String describe() {
        return connection.target().toString();
    }

    public String host() {
        return connection.target().host();
    }

    /** Runs the words (none read by the shell as more than a word) to their end. */
    public Result run(List<String> words, Duration limit) throws IOException {
        SshConnection.Result result = connection.run(ShellWords.join(words), limit);
        return new Result(result.exitCode() == null ? -1 : result.exitCode(), result.output());
    }

    /** Runs the words and gives their standard output as printed; fails, with their standard error, unless they exit 0. */
    public String output(List<String> words, String what, Duration limit) throws IOException {
        return connection.output(ShellWords.join(words), what, limit);
    }

    /** Runs a command line written with {@link #quote}d words; fails, with its output, unless it exits 0. */
    String require(String commandLine, String what) throws IOException {
        return connection.require(commandLine, what);
    }

    /** One word for the host's shell. */
    public static String quote(String word) {
        return ShellWords.quote(word);
    }

    private synchronized SftpClient sftp() throws IOException {
        if (sftp == null) {
            sftp = connection.sftp();
        }
        return sftp;
    }

    /** Writes a local file to {@code path} on the host, replacing what is there. */
    public void put(Path local, String path) throws IOException {
        try (InputStream in = Files.newInputStream(local); OutputStream out = sftp().write(path)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw connection.isOpen() ? e : connection.lost(e);
        }
    }

    /** Makes {@code folder} (and the folders of names with {@code /}) and writes each file under its name; the bytes sent. */
    public long send(String folder, Map<String, Path> files) throws IOException {
        TreeSet<String> parents = new TreeSet<>();
        parents.add(folder);
        files.keySet().forEach(name -> parents.add((folder + "/" + name).substring(0, (folder + "/" + name).lastIndexOf('/'))));
        connection.require("mkdir -p -- " + String.join(" ", parents.stream().map(ShellWords::quote).toList()), "making " + folder);
        long sent = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            put(file.getValue(), folder + "/" + file.getKey());
            sent += Files.size(file.getValue());
        }
        return sent;
    }

    /** When {@code path} was last written, on the host's clock; null when it does not exist. */
    public Instant modified(String path) throws IOException {
        SftpClient.Attributes attributes = stat(path);
        return attributes == null ? null : attributes.getModifyTime().toInstant();
    }

    /** Copies {@code path} from the host to {@code local} (whole or not at all); false when it does not exist. */
    public boolean fetch(String path, Path local) throws IOException {
        SftpClient.Attributes attributes = stat(path);
        if (attributes == null) {
            return false;
        }
        try (InputStream in = new LimitedInputStream(sftp().read(path), attributes.getSize())) {
            HomeDelivery.deliver(in, attributes.getSize(), local);
            return true;
        } catch (IOException e) {
            throw connection.isOpen() ? e : connection.lost(e);
        }
    }

    private SftpClient.Attributes stat(String path) throws IOException {
        try {
            return sftp().stat(path);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw connection.isOpen() ? e : connection.lost(e);
        }
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public synchronized void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing SFTP", e);
        } finally {
            connection.close();
        }
    }
}
