package io.rasfleet.transfer;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import java.io.IOException;

/**
 * smbj's failures in our words, in one place: the server's refusal of one file names the share,
 * the path and the NT status ({@link IOException}); a broken connection is the share's loss
 * ({@link SmbUnreachableException}), not the file's fault.
 */
final class SmbErrors {

    /** One call on the share; what it throws of smbj's is translated, its own IOExceptions pass. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    private final String share;

    SmbErrors(String share) {
        this.share = share;
    }

    /** {@code call}'s answer; smbj's failures translated for {@code what} on {@code file}. */
    <T> T call(String what, String file, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SMBApiException e) {
            throw failed(what, file, e);
        } catch (SMBRuntimeException e) {
            throw lost(e);
        }
    }

    /** As {@link #call}, {@code absent} when the file it names does not exist. */
    <T> T orIfMissing(T absent, String what, String file, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SMBApiException e) {
            if (missing(e)) {
                return absent;
            }
            throw failed(what, file, e);
        } catch (SMBRuntimeException e) {
            throw lost(e);
        }
    }

    static boolean missing(SMBApiException e) {
        NtStatus status = e.getStatus();
        return status == NtStatus.STATUS_OBJECT_NAME_NOT_FOUND || status == NtStatus.STATUS_OBJECT_PATH_NOT_FOUND
                || status == NtStatus.STATUS_NO_SUCH_FILE;
    }

    /** Whether {@code e} is a translated refusal because the file was not there. */
    static boolean missing(IOException e) {
        return e.getCause() instanceof SMBApiException api && missing(api);
    }

    private IOException failed(String what, String file, SMBApiException e) {
        return new IOException("cannot " + what + " " + share + "\\" + file + ": " + e.getStatus(), e);
    }

    /** The connection itself broke (the server went away, the network dropped). */
    private SmbUnreachableException lost(RuntimeException e) {
        return new SmbUnreachableException("the connection to " + share + " was lost: " + Causes.root(e), e);
    }
}
