package io.rasfleet.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A JSON object sent to the API, read strictly, so that nothing a user sends is silently dropped
 * or changed: a field we do not know (a typo such as {@code timeout_minutes}) is refused, naming it
 * and the known ones; so is a field of the wrong type, a number that is not whole or out of range
 * whatever its size, and a field given twice. Each refusal is a 400 naming the field.
 */
final class JsonBody {

    /** Parsson refuses duplicate keys with this strategy instead of keeping the last one. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private final String what;
    private final JsonObject object;

    private JsonBody(String what, JsonObject object) {
        this.what = what;
        this.object = object;
    }

    /**
     * {@code text} as a JSON object holding only {@code known} fields; a blank text is an empty object.
     *
     * @param what the call, for messages ("POST /runs")
     */
    static JsonBody parse(String text, String what, Collection<String> known) {
        JsonValue value;
        if (text == null || text.isBlank()) {
            value = JsonValue.EMPTY_JSON_OBJECT;
        } else {
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                value = reader.readValue();
            } catch (JsonException e) {
                throw ApiException.badRequest("the request body of " + what + " is not the JSON expected: "
                        + ErrorMappers.rootMessage(e));
            }
        }
        if (!(value instanceof JsonObject object)) {
            throw ApiException.badRequest("the request body of " + what + " is not the JSON expected: it must be an object {...}, not "
                    + value.getValueType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> unknown = object.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest((unknown.size() == 1 ? "unknown field " : "unknown fields ") + String.join(", ", unknown)
                    + " in " + what + "; " + (known.isEmpty() ? "it takes no fields" : "known fields: " + String.join(", ", known)));
        }
        return new JsonBody(what, object);
    }

    /** A string field; null when absent or null. */
    String string(String field, String meaning) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw wrongType(field, "a string (" + meaning + ")", value);
    }

    /** A list of strings; null when absent or null. */
    List<String> strings(String field, String example) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            List<String> strings = new ArrayList<>();
            array.forEach(item -> strings.add(((JsonString) item).getString()));
            return strings;
        }
        throw wrongType(field, "a list of strings such as " + example, value);
    }

    /** A whole number from {@code min} to {@code max}; null when absent or null. */
    Integer whole(String field, int min, int max) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || number.bigDecimalValue().stripTrailingZeros().scale() > 0) {
            throw wrongType(field, "a whole number from " + min + " to " + max, value);
        }
        BigDecimal exact = number.bigDecimalValue();
        // compared before any conversion: 4294967297 must not become 1 on its way to an int
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.badRequest(field + " must be from " + min + " to " + max + ", not " + number + " (" + what + ")");
        }
        return exact.intValueExact();
    }

    /** true or false; null when absent or null. */
    Boolean bool(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw wrongType(field, "true or false", value);
    }

    private JsonValue value(String field) {
        JsonValue value = object.get(field);
        return value == null || value == JsonValue.NULL ? null : value;
    }

    private ApiException wrongType(String field, String expected, JsonValue value) {
        return ApiException.badRequest(field + " must be " + expected + ", not " + value + " (" + what + ")");
    }
}
