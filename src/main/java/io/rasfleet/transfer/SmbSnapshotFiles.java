package io.rasfleet.transfer;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.msfscc.fileinformation.FileLinkInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.protocol.commons.EnumWithValue;
import com.hierynomus.smbj.share.DiskEntry;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the snapshot's proof and the share's content cache ask of a share, on its connection: every
 * file under a folder with its size and time, a file read back from its start, and the cache's hard
 * links (made, counted, touched for least-recently-used eviction). Obtained from
 * {@link SmbShare#snapshotFiles()}; failures are translated as the share's ({@link SmbErrors}).
 */
public final class SmbSnapshotFiles {

    private final DiskShare share;
    private final SmbErrors errors;

    SmbSnapshotFiles(DiskShare share, SmbErrors errors) {
        this.share = share;
        this.errors = errors;
    }

    /** A file's size and when it was last written, on the share's clock. */
    public record Facts(long size, java.time.Instant lastWritten) {
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

    /** {@link #files}, with each file's last write time. */
    public Map<String, Facts> facts(String folder) throws IOException {
        Map<String, Facts> found = new TreeMap<>();
        String p = SmbShare.path(folder);
        errors.call("list", p, () -> {
            if (share.folderExists(p)) {
                collect(p, "", found);
            }
            return null;
        });
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
        String p = SmbShare.path(file);
        return errors.call("read", p, () -> {
            try (File in = share.openFile(p, EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null);
                 InputStream data = in.getInputStream()) {
                return reader.read(data);
            }
        });
    }

    /** What {@link #link} did. */
    public enum Linked { LINKED, SOURCE_MISSING, NOT_SUPPORTED }

    /**
     * Makes {@code to} a hard link to {@code from} (SMB2 FileLinkInformation, replacing a file of
     * that name): no data moves. A server or file system without hard links answers
     * {@link Linked#NOT_SUPPORTED}, so that the caller copies instead.
     */
    public Linked link(String from, String to) throws IOException {
        return errors.call("link " + from + " as", to, () -> {
            try (DiskEntry entry = share.open(SmbShare.path(from), EnumSet.of(AccessMask.FILE_READ_ATTRIBUTES,
                    AccessMask.FILE_WRITE_ATTRIBUTES, AccessMask.SYNCHRONIZE), null, SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN, null)) {
                share.setFileInformation(entry.getFileId(), new FileLinkInformation(true, SmbShare.path(to)));
                return Linked.LINKED;
            } catch (SMBApiException e) {
                if (SmbErrors.missing(e)) {
                    return Linked.SOURCE_MISSING;
                }
                if (cannotLink(e.getStatus())) {
                    return Linked.NOT_SUPPORTED;
                }
                throw e;
            }
        });
    }

    private static boolean cannotLink(NtStatus status) {
        return status == NtStatus.STATUS_NOT_SUPPORTED || status == NtStatus.STATUS_INVALID_PARAMETER
                || status == NtStatus.STATUS_ACCESS_DENIED || status == NtStatus.STATUS_NOT_SAME_DEVICE
                || status == NtStatus.STATUS_INVALID_INFO_CLASS;
    }

    /** Sets {@code file}'s last write time to now (a use, for least-recently-used eviction); false when it does not exist. */
    public boolean touch(String file) throws IOException {
        return errors.orIfMissing(false, "touch", file, () -> {
            share.setFileInformation(SmbShare.path(file), new FileBasicInformation(FileBasicInformation.DONT_SET,
                    FileBasicInformation.DONT_SET, com.hierynomus.msdtyp.FileTime.now(), FileBasicInformation.DONT_SET, 0));
            return true;
        });
    }

    /** How many names (hard links) {@code file} has; 0 when it does not exist. */
    public long links(String file) throws IOException {
        return errors.orIfMissing(0L, "look at", file,
                () -> share.getFileInformation(SmbShare.path(file)).getStandardInformation().getNumberOfLinks());
    }
}
