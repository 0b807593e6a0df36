package io.rasfleet.api;

import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSpec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workers file ({@code RASFLEET_WORKERS}): a JSON array of workers, or an object whose
 * {@code workers} member is one, as ras-commander's {@code RemoteWorkers.json}. Each entry is
 * taken or refused on its own, the refusal naming the worker and the field.
 */
public final class WorkerFile {

    /** The workers that were valid, and one message per entry that was not. */
    public record Contents(List<WorkerSpec> workers, List<String> refused) {
    }

    /** The shape {@code {"workers": [...]}}. */
    public static class Wrapped {
        public WorkerJson[] workers;
    }

    private WorkerFile() {
    }

    public static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("workers file " + file + " cannot be read: " + e.getMessage(), e);
        }
        WorkerJson[] entries;
        try (Jsonb jsonb = JsonbBuilder.create()) {
            entries = text.startsWith("[") ? jsonb.fromJson(text, WorkerJson[].class) : jsonb.fromJson(text, Wrapped.class).workers;
        } catch (JsonbException e) {
            throw new IllegalArgumentException("workers file " + file + " is not the JSON expected: "
                    + ErrorMappers.rootMessage(e), e);
        } catch (Exception e) {
            throw new IllegalArgumentException("workers file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<WorkerSpec> workers = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (WorkerJson entry : entries == null ? new WorkerJson[0] : entries) {
            try {
                workers.add(entry.toSpec());
            } catch (WorkerConfigException e) {
                refused.add("worker " + entry.name + " refused (" + e.field() + "): " + e.getMessage());
            }
        }
        return new Contents(workers, refused);
    }
}
