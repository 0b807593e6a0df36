package io.rasfleet.results;

/**
 * A part of a results file (a group, a dataset, an attribute) that is there but cannot be read.
 * Unlike a part the file lacks, which trimmed files often do, this is never taken for absence: the
 * message names the part, the file and jhdf's reason.
 */
public class UnreadablePartException extends ResultFileException {
    public UnreadablePartException(String message, Throwable cause) {
        super(message, cause);
    }
}
