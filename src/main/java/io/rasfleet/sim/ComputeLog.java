package io.rasfleet.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * {@code Name.pNN.computeMsgs.txt}, written line by line as the run goes so that it can be followed,
 * with the CRLF endings of a Windows HEC-RAS. The whole text is kept for the results file.
 */
final class ComputeLog {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    /** {@code fresh}: a new run replaces the old messages; a later step of the same run adds to them. */
    ComputeLog(Path file, boolean fresh) {
        this.file = file;
        try {
            if (fresh) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old " + file, e);
        }
    }

    void line(String line) {
        String withEnding = line + "\r\n";
        text.append(withEnding);
        append(withEnding);
    }

    /** A 7.x style progress line; it goes to the file only, as HEC-RAS keeps it out of the results' messages. */
    void progress(double fraction) {
        append(String.format(Locale.ROOT, "Progress | %.4f\r\n", fraction));
    }

    String text() {
        return text.toString();
    }

    private void append(String chunk) {
        try {
            Files.writeString(file, chunk, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
