package io.rasfleet.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMB2MessageCommandCode;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.common.SMBRuntimeException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one translation of smbj's failures that every share operation goes through. */
class SmbErrorsTest {

    private final SmbErrors errors = new SmbErrors("\\\\ras-pc\\RasShare");

    private static SMBApiException refused(NtStatus status) {
        return new SMBApiException(status.getValue(), SMB2MessageCommandCode.SMB2_CREATE, null);
    }

    @Test
    void aRefusalNamesTheShareThePathAndTheStatusAndKeepsTheCause() {
        SMBApiException denied = refused(NtStatus.STATUS_ACCESS_DENIED);
        IOException e = assertThrows(IOException.class, () -> errors.call("write", "run-1\\a.p01", () -> {
            throw denied;
        }));
        assertEquals("cannot write \\\\ras-pc\\RasShare\\run-1\\a.p01: STATUS_ACCESS_DENIED", e.getMessage());
        assertSame(denied, e.getCause());
        assertTrue(!(e instanceof SmbUnreachableException), "a refused file is not a lost share");
    }

    @Test
    void aBrokenConnectionIsTheSharesLossNotTheFiles() {
        SmbUnreachableException e = assertThrows(SmbUnreachableException.class, () -> errors.call("read", "x", () -> {
            throw new SMBRuntimeException("connection reset", new java.net.SocketException("Connection reset"));
        }));
        assertTrue(e.getMessage().startsWith("the connection to \\\\ras-pc\\RasShare was lost: "), e.getMessage());
    }

    @Test
    void aMissingFileIsTheAbsentAnswerOnlyWhereAskedForAndEveryNotFoundStatusCounts() throws IOException {
        for (NtStatus status : new NtStatus[] {NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, NtStatus.STATUS_OBJECT_PATH_NOT_FOUND,
                NtStatus.STATUS_NO_SUCH_FILE}) {
            assertEquals(0L, errors.orIfMissing(0L, "look at", "gone", () -> {
                throw refused(status);
            }));
            IOException e = assertThrows(IOException.class, () -> errors.call("read", "gone", () -> {
                throw refused(status);
            }));
            assertTrue(SmbErrors.missing(e), status + " is a missing file");
        }
        assertThrows(IOException.class, () -> errors.orIfMissing(0L, "look at", "busy", () -> {
            throw refused(NtStatus.STATUS_SHARING_VIOLATION);
        }));
        IOException own = new IOException("local disk full");
        assertSame(own, assertThrows(IOException.class, () -> errors.call("write", "x", () -> {
            throw own;
        })), "what is not smbj's passes as it is");
    }
}
