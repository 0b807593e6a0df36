package io.rasfleet.api;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.WorkerConfigException;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A JSON object sent to the API, read strictly by the same reader as workers ({@link JsonFields}),
 * so that nothing a user sends is silently dropped or changed: a field we do not know (a typo such
 * as {@code timeout_minutes}) is refused, naming it and the known ones; so is a field of the wrong
 * type, a number that is not whole or out of range whatever its size, and a field given twice.
 * Each refusal is a 400 naming the field.
 */
final class JsonBody {

    private final JsonFields fields;

    private JsonBody(JsonFields fields) {
        this.fields = fields;
    }

    /**
     * {@code text} as a JSON object holding only {@code known} fields; a blank text is an empty object.
     *
     * @param what the call, for messages ("POST /runs")
     */
    static JsonBody parse(String text, String what, Collection<String> known) {
        return refusedAs400(() -> {
            JsonObject object = text == null || text.isBlank() ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT
                    : JsonFields.readObject(text, "the request body of " + what);
            JsonFields fields = JsonFields.body(what, object);
            fields.refuseUnknown(known, false, "", " in " + what + "; "
                    + (known.isEmpty() ? "it takes no fields" : "known fields: " + String.join(", ", known)));
            return new JsonBody(fields);
        });
    }

    /** A string field; null when absent or null. */
    String string(String field, String meaning) {
        return refusedAs400(() -> fields.string(field, "a string (" + meaning + ")"));
    }

    /** A list of strings; null when absent or null. */
    List<String> strings(String field, String example) {
        return refusedAs400(() -> fields.strings(field, "a list of strings such as " + example));
    }

    /** A whole number from {@code min} to {@code max}; null when absent or null. */
    Integer whole(String field, int min, int max) {
        return refusedAs400(() -> fields.integer(SettingField.whole(field, field).range(min, max)));
    }

    /** true or false; null when absent or null. */
    Boolean bool(String field) {
        return refusedAs400(() -> fields.bool(field));
    }

    private static <T> T refusedAs400(Supplier<T> read) {
        try {
            return read.get();
        } catch (WorkerConfigException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
