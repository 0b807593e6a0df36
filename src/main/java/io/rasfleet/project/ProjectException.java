package io.rasfleet.project;

/**
 * A HEC-RAS project or plan that cannot be used as asked. The message names the file or value at
 * fault and says what would be accepted, because it is shown to users as it is.
 */
public class ProjectException extends RuntimeException {
    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
