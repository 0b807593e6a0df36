package io.rasfleet.transfer;

import java.io.IOException;

/** An SMB server that cannot be reached at all: not a file's fault, the machine's. */
public class SmbUnreachableException extends IOException {

    SmbUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
