package io.rasfleet.api;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Secrets;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerJson;
import io.rasfleet.worker.WorkerSpec;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A workers file ({@code RASFLEET_WORKERS}): a JSON array of workers, or an object whose
 * {@code workers} member is one, as ras-commander's {@code RemoteWorkers.json}. Each entry is
 * taken or refused on its own, the refusal naming the worker and the field; entries are read as
 * the API reads a worker ({@link WorkerJson}).
 */
public final class WorkerFile {

    /** The workers that were valid, one message per entry that was not, and one per key ignored ("worker: key: why"). */
    public record Contents(List<WorkerSpec> workers, List<String> refused, List<String> ignored) {
    }

    private WorkerFile() {
    }

    public static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("workers file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, "workers file " + file);
    }

    /** The workers in {@code text} (an uploaded file), {@code source} naming it in messages. */
    public static Contents parse(String text, String source) {
        JsonArray entries = entries(source, text);
        List<WorkerSpec> workers = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonValue entry = entries.get(i);
            if (!(entry instanceof JsonObject worker)) {
                refused.add("entry " + (i + 1) + " refused: a worker is a JSON object, not " + entry.getValueType());
                continue;
            }
            try {
                WorkerJson.Read read = WorkerJson.read(worker);
                read.keepPassword(Secrets.current());
                workers.add(read.spec());
                read.ignored().forEach(key -> ignored.add("worker " + read.spec().name() + ": " + key));
            } catch (WorkerConfigException e) {
                refused.add("worker " + worker.getString("name", "#" + (i + 1)) + " refused (" + e.field() + "): " + e.getMessage());
            }
        }
        return new Contents(workers, refused, ignored);
    }

    private static JsonArray entries(String source, String text) {
        JsonValue value = JsonFields.readValue(text, source);
        if (value instanceof JsonObject wrapped && wrapped.get("workers") instanceof JsonArray workers) {
            return workers;
        }
        if (value instanceof JsonArray workers) {
            return workers;
        }
        throw new IllegalArgumentException(source + " is not the JSON expected: an array of workers, or an object"
                + " whose \"workers\" is one");
    }
}
