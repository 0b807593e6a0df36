package io.rasfleet.testing;

import io.rasfleet.project.KeyedTextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line set in a plan file for one test (how the stand-in runs it); closing puts the file back as it was. */
public final class PlanLine implements AutoCloseable {

    private final Path planFile;
    private final byte[] before;

    private PlanLine(Path planFile, byte[] before) {
        this.planFile = planFile;
        this.before = before;
    }

    public static PlanLine set(Path planFile, String key, String value) {
        try {
            PlanLine line = new PlanLine(planFile, Files.readAllBytes(planFile));
            KeyedTextFile text = KeyedTextFile.read(planFile);
            text.setAll(key, value, null);
            text.save();
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.write(planFile, before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
