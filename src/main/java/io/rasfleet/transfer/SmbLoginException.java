package io.rasfleet.transfer;

/** An SMB server that refused the login or the share. */
public final class SmbLoginException extends SmbUnreachableException {

    SmbLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
