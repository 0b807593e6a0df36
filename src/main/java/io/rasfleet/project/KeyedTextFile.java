package io.rasfleet.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A HEC-RAS text file of {@code Key=value} lines, kept byte for byte. HEC-RAS files come from
 * Windows in a single-byte code page; ISO-8859-1 maps every byte to one char and back, so a file
 * that is read and written again without edits is the same file, line endings included.
 */
public final class KeyedTextFile {

    private final Path path;
    private final List<String> bodies = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();

    private KeyedTextFile(Path path, String text) {
        this.path = path;
        // one pass: looking for the next CR and the next LF apart scanned a file without CRs to its end for every line
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            String ending = end == length ? "" : text.charAt(end) == '\n' ? "\n"
                    : end + 1 < length && text.charAt(end + 1) == '\n' ? "\r\n" : "\r";
            bodies.add(text.substring(start, end));
            endings.add(ending);
            start = end + ending.length();
        }
    }

    public static KeyedTextFile read(Path path) {
        try {
            return new KeyedTextFile(path, new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new ProjectException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public List<String> lines() {
        return Collections.unmodifiableList(bodies);
    }

    /** The value after the first {@code =} of the first line with this key, untrimmed. */
    public Optional<String> value(String key) {
        return values(key).stream().findFirst();
    }

    /** The trimmed value of the first line with this key; empty for a blank value. */
    public Optional<String> trimmed(String key) {
        return value(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Every value of a key that may repeat, in file order. */
    public List<String> values(String key) {
        String prefix = key + "=";
        List<String> found = new ArrayList<>();
        for (String line : bodies) {
            if (line.startsWith(prefix)) {
                found.add(line.substring(prefix.length()));
            }
        }
        return found;
    }

    /** True when a line is exactly this word, such as a bare {@code SI Units}. */
    public boolean hasBareLine(String word) {
        return bodies.stream().anyMatch(line -> line.strip().equals(word));
    }

    /**
     * Sets every occurrence of a key; when the key is absent, adds it after the last line whose key
     * starts with {@code anchorPrefix} (or at the end). Returns how many lines were changed or added.
     */
    public int setAll(String key, String value, String anchorPrefix) {
        String prefix = key + "=";
        int changed = 0;
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i).startsWith(prefix)) {
                bodies.set(i, prefix + value);
                changed++;
            }
        }
        if (changed == 0) {
            int at = bodies.size();
            for (int i = 0; i < bodies.size(); i++) {
                if (anchorPrefix != null && bodies.get(i).startsWith(anchorPrefix)) {
                    at = i + 1;
                }
            }
            insert(at, prefix + value);
            changed = 1;
        }
        return changed;
    }

    private void insert(int at, String body) {
        String ending = dominantEnding();
        if (at == bodies.size() && !bodies.isEmpty() && endings.get(at - 1).isEmpty()) {
            endings.set(at - 1, ending);
            bodies.add(body);
            endings.add("");
            return;
        }
        bodies.add(at, body);
        endings.add(at, ending);
    }

    private String dominantEnding() {
        long crlf = endings.stream().filter("\r\n"::equals).count();
        long lf = endings.stream().filter("\n"::equals).count();
        return crlf >= lf && crlf > 0 ? "\r\n" : "\n";
    }

    /** Writes the file back where it was read, through a temporary file and a rename. */
    public void save() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            text.append(bodies.get(i)).append(endings.get(i));
        }
        Path temp = path.resolveSibling(path.getFileName() + ".rasfleet-tmp");
        try {
            Files.write(temp, text.toString().getBytes(StandardCharsets.ISO_8859_1));
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original is untouched; the leftover temp file is named for what it is
            }
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
