package io.rasfleet.worker;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * What each worker type takes, for forms and the OpenAPI document: {@code {"types": [{"type":
 * "ssh", "fields": [...]}]}}, each field as {@link SettingField#toJson()} writes it. Made from the
 * declarations the providers read settings by ({@link WorkerJson#COMMON} and each
 * {@link WorkerProvider#fields()}), never from a list of its own.
 */
public final class SettingsSchema {

    private SettingsSchema() {
    }

    /** Every registered type, in the order {@link Workers} knows them. */
    public static JsonObject types() {
        JsonArrayBuilder types = Json.createArrayBuilder();
        Workers.providers().forEach(provider -> types.add(of(provider)));
        return Json.createObjectBuilder().add("types", types).build();
    }

    /** One type: the common fields, then its own. */
    public static JsonObject of(WorkerProvider provider) {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        WorkerJson.COMMON.forEach(field -> fields.add(field.toJson()));
        provider.fields().forEach(field -> fields.add(field.toJson()));
        return Json.createObjectBuilder().add("type", provider.type()).add("fields", fields).build();
    }
}
