package io.rasfleet.transfer;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Windows (or Samba) share reached with smbj: folders, files up through a temporary name and a
 * rename, copies made by the server itself where it offers them (SMB copy-chunk), files home
 * through {@link HomeDelivery}. Paths are relative to the share, with {@code \} or {@code /}.
 * Every failure names the share and the path ({@link SmbErrors}); no password is ever part of one.
 * What the snapshot's proof and the share's cache need besides (listings with sizes and times,
 * read-back, hard links) is {@link #snapshotFiles()}.
 */
public final class SmbShare implements AutoCloseable {

    private final SMBClient client;
    private final Connection connection;
    private final Session session;
    private final DiskShare share;
    private final String name;
    private final SmbErrors errors;
    private final SmbSnapshotFiles snapshotFiles;
    private volatile boolean serverCopy = true;

    private SmbShare(SMBClient client, Connection connection, Session session, DiskShare share, String name) {
        this.client = client;
        this.connection = connection;
        this.session = session;
        this.share = share;
        this.name = name;
        this.errors = new SmbErrors(name);
        this.snapshotFiles = new SmbSnapshotFiles(share, errors);
    }

    /**
     * Logs in to {@code \\host\share}: with {@code user} and {@code password} (a DOMAIN/user written with a backslash
     * is split), or as guest when {@code user} is null. The password array is not kept.
     */
    public static SmbShare connect(String host, int port, String share, String user, char[] password) throws IOException {
        String name = "\\\\" + host + "\\" + share;
        SMBClient client = new SMBClient(SmbConfig.builder().withTimeout(60, TimeUnit.SECONDS).withSoTimeout(120, TimeUnit.SECONDS)
                .build());
        Connection connection = null;
        try {
            try {
                connection = client.connect(host, port);
            } catch (IOException e) {
                throw new SmbUnreachableException("cannot reach " + host + ":" + port + " for " + name + ": " + Causes.root(e), e);
            }
            AuthenticationContext login;
            if (user == null) {
                login = AuthenticationContext.guest();
            } else {
                int slash = user.indexOf('\\');
                login = new AuthenticationContext(slash < 0 ? user : user.substring(slash + 1),
                        password == null ? new char[0] : password.clone(), slash < 0 ? null : user.substring(0, slash));
            }
            Session session;
            try {
                session = connection.authenticate(login);
            } catch (RuntimeException e) {
                throw new SmbLoginException("logging in to " + name + " as " + (user == null ? "guest" : user) + " failed: "
                        + Causes.root(e), e);
            }
            try {
                return new SmbShare(client, connection, session, (DiskShare) session.connectShare(share), name);
            } catch (RuntimeException e) {
                throw new SmbLoginException("the share " + name + " cannot be used: " + Causes.root(e), e);
            }
        } catch (IOException e) {
            if (connection != null) {
                try {
                    connection.close(true);
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            client.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The listing, read-back and hard links of the snapshot's proof and the share's cache, on this connection. */
    public SmbSnapshotFiles snapshotFiles() {
        return snapshotFiles;
    }

    static String path(String relative) {
        String p = relative.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        return p;
    }

    /** Makes {@code folder} and its parents. */
    public void mkdirs(String folder) throws IOException {
        String p = path(folder);
        if (p.isEmpty()) {
            return;
        }
        StringBuilder current = new StringBuilder();
        for (String part : p.split("\\\\")) {
            if (current.length() > 0) {
                current.append('\\');
            }
            current.append(part);
            String made = current.toString();
            errors.call("make the folder", made, () -> {
                try {
                    if (!share.folderExists(made)) {
                        share.mkdir(made);
                    }
                } catch (SMBApiException e) {
                    // another run (or server) made it between the look and the make
                    if (e.getStatus() != NtStatus.STATUS_OBJECT_NAME_COLLISION || !share.folderExists(made)) {
                        throw e;
                    }
                }
                return null;
            });
        }
    }

    public boolean exists(String file) throws IOException {
        return errors.call("look at", file, () -> share.fileExists(path(file)));
    }

    /** When {@code file} was last written, on the share's own clock; null when it does not exist. */
    public java.time.Instant modified(String file) throws IOException {
        return errors.orIfMissing(null, "look at", file, () -> java.time.Instant.ofEpochMilli(
                share.getFileInformation(path(file)).getBasicInformation().getLastWriteTime().toEpochMillis()));
    }

    /** Writes {@code local} to {@code target} through a temporary name in the same folder and a rename. */
    public void upload(Path local, String target) throws IOException {
        String to = path(target);
        String partial = partialBeside(to);
        try {
            errors.call("write", to, () -> {
                try (File file = share.openFile(partial, EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                        SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null);
                     OutputStream out = file.getOutputStream();
                     InputStream in = Files.newInputStream(local)) {
                    in.transferTo(out);
                }
                return null;
            });
            rename(partial, to);
        } catch (IOException | RuntimeException e) {
            removePartial(partial, e);
            throw e;
        }
    }

    private static String partialBeside(String target) {
        int slash = target.lastIndexOf('\\');
        return (slash < 0 ? "" : target.substring(0, slash + 1)) + "." + UUID.randomUUID() + ".rasfleet-partial";
    }

    /** A failed write's temporary file goes, unless the connection that would remove it is gone. */
    private void removePartial(String partial, Exception failure) {
        if (failure instanceof SmbUnreachableException) {
            return;
        }
        try {
            share.rm(partial);
        } catch (RuntimeException e) {
            // a partial file that was never made, or is gone already
        }
    }

    /** Renames a file or a folder within the share, replacing a file of the target's name. */
    public void rename(String from, String to) throws IOException {
        errors.call("rename " + from + " to", to, () -> {
            try (com.hierynomus.smbj.share.DiskEntry entry = share.open(path(from), EnumSet.of(AccessMask.DELETE,
                    AccessMask.FILE_READ_ATTRIBUTES, AccessMask.SYNCHRONIZE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null)) {
                entry.rename(path(to), true);
            }
            return null;
        });
    }

    /**
     * Copies {@code from} to {@code to} on the server's side (copy-chunk) when the server offers it;
     * else through this machine. Either way through a temporary name and a rename.
     */
    public void copy(String from, String to) throws IOException {
        String source = path(from);
        String target = path(to);
        String partial = partialBeside(target);
        try {
            errors.call("copy " + source + " to", target, () -> {
                try (File in = share.openFile(source, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OPEN, null);
                     File out = share.openFile(partial, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE,
                             AccessMask.DELETE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null)) {
                    copyData(in, out);
                }
                return null;
            });
            rename(partial, target);
        } catch (IOException | RuntimeException e) {
            removePartial(partial, e);
            throw e;
        }
    }

    private void copyData(File in, File out) throws IOException {
        if (serverCopy) {
            try {
                in.remoteCopyTo(out);
                return;
            } catch (SMBApiException | com.hierynomus.protocol.transport.TransportException
                     | com.hierynomus.protocol.commons.buffer.Buffer.BufferException e) {
                // a server without copy-chunk: through this machine, now and from now on
                serverCopy = false;
            }
        }
        out.setLength(0);
        try (InputStream data = in.getInputStream(); OutputStream sink = out.getOutputStream()) {
            data.transferTo(sink);
        }
    }

    /** {@link #copy}, false when {@code from} does not exist. */
    public boolean copyIfPresent(String from, String to) throws IOException {
        try {
            copy(from, to);
            return true;
        } catch (IOException e) {
            if (SmbErrors.missing(e) && !exists(from)) {
                return false;
            }
            throw e;
        }
    }

    /** Brings {@code file} home to {@code local} atomically; false when it does not exist. */
    public boolean download(String file, Path local) throws IOException {
        String p = path(file);
        return errors.orIfMissing(false, "read", p, () -> {
            try (File in = share.openFile(p, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null)) {
                long size = in.getFileInformation().getStandardInformation().getEndOfFile();
                try (InputStream data = new LimitedInputStream(in.getInputStream(), size)) {
                    HomeDelivery.deliver(data, size, local);
                }
                return true;
            }
        });
    }

    /** The names of the folders directly in {@code folder}; none when it is not there. */
    public java.util.List<String> folders(String folder) throws IOException {
        String p = path(folder);
        return errors.orIfMissing(java.util.List.of(), "list", p, () -> !share.folderExists(p) ? java.util.List.<String>of()
                : share.list(p).stream()
                        .filter(entry -> (entry.getFileAttributes() & com.hierynomus.msfscc.FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue()) != 0)
                        .map(com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation::getFileName)
                        .filter(name -> !name.equals(".") && !name.equals(".."))
                        .toList());
    }

    /** Deletes {@code folder} and everything in it; quiet when it is not there. */
    public void deleteTree(String folder) throws IOException {
        String p = path(folder);
        errors.orIfMissing(null, "delete", p, () -> {
            if (share.folderExists(p)) {
                share.rmdir(p, true);
            }
            return null;
        });
    }

    public void delete(String file) throws IOException {
        errors.orIfMissing(null, "delete", file, () -> {
            share.rm(path(file));
            return null;
        });
    }

    /** Free bytes on the share's volume, as its server reports them. */
    public long freeBytes() throws IOException {
        return errors.call("read the free space of", "", () -> share.getShareInformation().getFreeSpace());
    }

    @Override
    public void close() {
        try {
            share.close();
            session.close();
        } catch (IOException | RuntimeException e) {
            // the connection goes below in any case
        } finally {
            try {
                connection.close(true);
            } catch (IOException e) {
                // closing a broken connection
            }
            client.close();
        }
    }
}
