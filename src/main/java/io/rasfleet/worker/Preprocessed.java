package io.rasfleet.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * The end of a plan's preprocessing for the Linux engine: its compute inputs by file name, or
 * HEC-RAS's reason for not writing them with its messages (a model failure, not the machine's).
 */
public record Preprocessed(String host, Map<String, Path> inputs, String failure, String messages) {

    public Preprocessed {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public static Preprocessed made(String host, Map<String, Path> inputs) {
        return new Preprocessed(host, inputs, null, null);
    }

    public static Preprocessed failed(String host, String failure, String messages) {
        return new Preprocessed(host, null, failure, messages);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
