package io.rasfleet.transfer;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.commons.EnumWithValue;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Windows (or Samba) share reached with smbj: folders, files up through a temporary name and a
 * rename, copies made by the server itself where it offers them (SMB copy-chunk), files home
 * through {@link HomeDelivery}. Paths are relative to the share, with {@code \} or {@code /}.
 * Every failure names the share and the path; no password is ever part of one.
 */
public final class SmbShare implements AutoCloseable {

    private final SMBClient client;
    private final Connection connection;
    private final Session session;
    private final DiskShare share;
    private final String name;
    private volatile boolean serverCopy = true;

    private SmbShare(SMBClient client, Connection connection, Session session, DiskShare share, String name) {
        this.client = client;
        this.connection = connection;
        this.session = session;
        this.share = share;
        this.name = name;
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

    private static String path(String relative) {
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
            try {
                if (!share.folderExists(current.toString())) {
                    share.mkdir(current.toString());
                }
            } catch (SMBApiException e) {
                // another run (or server) made it between the look and the make
                if (e.getStatus() != NtStatus.STATUS_OBJECT_NAME_COLLISION || !share.folderExists(current.toString())) {
                    throw failed("make the folder", current.toString(), e);
                }
            } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
                throw lost(e);
            }
        }
    }

    public boolean exists(String file) throws IOException {
        try {
            return share.fileExists(path(file));
        } catch (SMBApiException e) {
            throw failed("look at", file, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** When {@code file} was last written, on the share's own clock; null when it does not exist. */
    public java.time.Instant modified(String file) throws IOException {
        return orIfMissing(null, "look at", file, () -> java.time.Instant.ofEpochMilli(
                share.getFileInformation(path(file)).getBasicInformation().getLastWriteTime().toEpochMillis()));
    }

    /** One call on the share. */
    private interface Call<T> {
        T run();
    }

    /** {@code call}'s answer, {@code absent} when the file it names does not exist. */
    private <T> T orIfMissing(T absent, String what, String file, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SMBApiException e) {
            if (missing(e)) {
                return absent;
            }
            throw failed(what, file, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** Writes {@code local} to {@code target} through a temporary name in the same folder and a rename. */
    public void upload(Path local, String target) throws IOException {
        String to = path(target);
        int slash = to.lastIndexOf('\\');
        String partial = (slash < 0 ? "" : to.substring(0, slash + 1)) + "." + UUID.randomUUID() + ".rasfleet-partial";
        try {
            try (File file = share.openFile(partial, EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.DELETE), null,
                    SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null);
                 OutputStream out = file.getOutputStream();
                 InputStream in = Files.newInputStream(local)) {
                in.transferTo(out);
            }
            rename(partial, to);
        } catch (SMBApiException e) {
            deleteQuietly(partial);
            throw failed("write", to, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Renames a file or a folder within the share, replacing a file of the target's name. */
    public void rename(String from, String to) throws IOException {
        try (com.hierynomus.smbj.share.DiskEntry entry = share.open(path(from), EnumSet.of(AccessMask.DELETE,
                AccessMask.FILE_READ_ATTRIBUTES, AccessMask.SYNCHRONIZE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN,
                null)) {
            entry.rename(path(to), true);
        } catch (SMBApiException e) {
            throw failed("rename " + from + " to", to, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /**
     * Copies {@code from} to {@code to} on the server's side (copy-chunk) when the server offers it;
     * else through this machine. Either way through a temporary name and a rename.
     */
    public void copy(String from, String to) throws IOException {
        String source = path(from);
        String target = path(to);
        int slash = target.lastIndexOf('\\');
        String partial = (slash < 0 ? "" : target.substring(0, slash + 1)) + "." + UUID.randomUUID() + ".rasfleet-partial";
        try (File in = share.openFile(source, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null)) {
            try (File out = share.openFile(partial, EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE, AccessMask.DELETE),
                    null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_CREATE, null)) {
                boolean copied = false;
                if (serverCopy) {
                    try {
                        in.remoteCopyTo(out);
                        copied = true;
                    } catch (SMBApiException | com.hierynomus.protocol.transport.TransportException
                             | com.hierynomus.protocol.commons.buffer.Buffer.BufferException e) {
                        serverCopy = false;
                    }
                }
                if (!copied) {
                    out.setLength(0);
                    try (InputStream data = in.getInputStream(); OutputStream sink = out.getOutputStream()) {
                        data.transferTo(sink);
                    }
                }
            }
            rename(partial, target);
        } catch (SMBApiException e) {
            deleteQuietly(partial);
            throw failed("copy " + source + " to", target, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** What {@link #link} did. */
    public enum Linked { LINKED, SOURCE_MISSING, NOT_SUPPORTED }

    /**
     * Makes {@code to} a hard link to {@code from} (SMB2 FileLinkInformation, replacing a file of
     * that name): no data moves. A server or file system without hard links answers
     * {@link Linked#NOT_SUPPORTED}, so that the caller copies instead.
     */
    public Linked link(String from, String to) throws IOException {
        try (com.hierynomus.smbj.share.DiskEntry entry = share.open(path(from), EnumSet.of(AccessMask.FILE_READ_ATTRIBUTES,
                AccessMask.FILE_WRITE_ATTRIBUTES, AccessMask.SYNCHRONIZE), null, SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN,
                null)) {
            share.setFileInformation(entry.getFileId(), new com.hierynomus.msfscc.fileinformation.FileLinkInformation(true, path(to)));
            return Linked.LINKED;
        } catch (SMBApiException e) {
            if (missing(e)) {
                return Linked.SOURCE_MISSING;
            }
            NtStatus status = e.getStatus();
            if (status == NtStatus.STATUS_NOT_SUPPORTED
                    || status == NtStatus.STATUS_INVALID_PARAMETER || status == NtStatus.STATUS_ACCESS_DENIED
                    || status == NtStatus.STATUS_NOT_SAME_DEVICE || status == NtStatus.STATUS_INVALID_INFO_CLASS) {
                return Linked.NOT_SUPPORTED;
            }
            throw failed("link " + from + " as", to, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** {@link #copy}, false when {@code from} does not exist. */
    public boolean copyIfPresent(String from, String to) throws IOException {
        try {
            copy(from, to);
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof SMBApiException api && missing(api) && !exists(from)) {
                return false;
            }
            throw e;
        }
    }

    /** Sets {@code file}'s last write time to now (a use, for least-recently-used eviction); false when it does not exist. */
    public boolean touch(String file) throws IOException {
        return orIfMissing(false, "touch", file, () -> {
            com.hierynomus.msdtyp.FileTime now = com.hierynomus.msdtyp.FileTime.now();
            share.setFileInformation(path(file), new com.hierynomus.msfscc.fileinformation.FileBasicInformation(
                    com.hierynomus.msfscc.fileinformation.FileBasicInformation.DONT_SET,
                    com.hierynomus.msfscc.fileinformation.FileBasicInformation.DONT_SET, now,
                    com.hierynomus.msfscc.fileinformation.FileBasicInformation.DONT_SET, 0));
            return true;
        });
    }

    /** How many names (hard links) {@code file} has; 0 when it does not exist. */
    public long links(String file) throws IOException {
        return orIfMissing(0L, "look at", file,
                () -> share.getFileInformation(path(file)).getStandardInformation().getNumberOfLinks());
    }

    /** Brings {@code file} home to {@code local} atomically; false when it does not exist. */
    public boolean download(String file, Path local) throws IOException {
        String p = path(file);
        try (File in = share.openFile(p, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null)) {
            long size = in.getFileInformation().getStandardInformation().getEndOfFile();
            try (InputStream data = new LimitedInputStream(in.getInputStream(), size)) {
                HomeDelivery.deliver(data, size, local);
            }
            return true;
        } catch (SMBApiException e) {
            if (missing(e)) {
                return false;
            }
            throw failed("read", p, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /**
     * Every file under {@code folder}, by its path relative to it with {@code /} separators, with
     * its size as the server reports it; a folder that is not there holds nothing.
     */
    public Map<String, Long> files(String folder) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        facts(folder).forEach((file, facts) -> sizes.put(file, facts.size()));
        return sizes;
    }

    /** A file's size and when it was last written, on the share's clock. */
    public record Facts(long size, java.time.Instant lastWritten) {
    }

    /** {@link #files}, with each file's last write time. */
    public Map<String, Facts> facts(String folder) throws IOException {
        Map<String, Facts> found = new TreeMap<>();
        String p = path(folder);
        try {
            if (share.folderExists(p)) {
                collect(p, "", found);
            }
        } catch (SMBApiException e) {
            throw failed("list", p, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
        return found;
    }

    private void collect(String folder, String prefix, Map<String, Facts> found) {
        for (FileIdBothDirectoryInformation entry : share.list(folder)) {
            String name = entry.getFileName();
            if (name.equals(".") || name.equals("..")) {
                continue;
            }
            if (EnumWithValue.EnumUtils.isSet(entry.getFileAttributes(), FileAttributes.FILE_ATTRIBUTE_DIRECTORY)) {
                collect(folder + "\\" + name, prefix + name + "/", found);
            } else {
                found.put(prefix + name, new Facts(entry.getEndOfFile(),
                        java.time.Instant.ofEpochMilli(entry.getLastWriteTime().toEpochMillis())));
            }
        }
    }

    /** What reads a file's bytes, given as a stream that it need not close. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Reads {@code file} from its start through {@code reader}. */
    public <T> T read(String file, Reader<T> reader) throws IOException {
        String p = path(file);
        try (File in = share.openFile(p, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null);
             InputStream data = in.getInputStream()) {
            return reader.read(data);
        } catch (SMBApiException e) {
            throw failed("read", p, e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** Deletes {@code folder} and everything in it; quiet when it is not there. */
    public void deleteTree(String folder) throws IOException {
        String p = path(folder);
        try {
            if (share.folderExists(p)) {
                share.rmdir(p, true);
            }
        } catch (SMBApiException e) {
            if (!missing(e)) {
                throw failed("delete", p, e);
            }
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    public void delete(String file) throws IOException {
        try {
            share.rm(path(file));
        } catch (SMBApiException e) {
            if (!missing(e)) {
                throw failed("delete", file, e);
            }
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    private void deleteQuietly(String file) {
        try {
            share.rm(file);
        } catch (RuntimeException e) {
            // a partial file that was never made, or is gone already
        }
    }

    /** Free bytes on the share's volume, as its server reports them. */
    public long freeBytes() throws IOException {
        try {
            var info = share.getShareInformation();
            return info.getFreeSpace();
        } catch (SMBApiException e) {
            throw failed("read the free space of", "", e);
        } catch (com.hierynomus.smbj.common.SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** The connection itself broke (the server went away, the network dropped): not this file's fault. */
    private SmbUnreachableException lost(RuntimeException e) {
        return new SmbUnreachableException("the connection to " + name + " was lost: " + Causes.root(e), e);
    }

    private static boolean missing(SMBApiException e) {
        NtStatus status = e.getStatus();
        return status == NtStatus.STATUS_OBJECT_NAME_NOT_FOUND || status == NtStatus.STATUS_OBJECT_PATH_NOT_FOUND
                || status == NtStatus.STATUS_NO_SUCH_FILE;
    }

    private IOException failed(String what, String file, SMBApiException e) {
        return new IOException("cannot " + what + " " + name + "\\" + file + ": " + e.getStatus(), e);
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
