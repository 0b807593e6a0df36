package io.rasfleet.results;

/** A results file that cannot be read at all; the message names the file and says what is wrong. */
public class ResultFileException extends RuntimeException {
    public ResultFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
