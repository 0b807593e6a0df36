package io.rasfleet.worker;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one strict reader of JSON objects sent to us: a worker (its {@code name} naming it in
 * messages) and an API request body ({@code api.JsonBody}) follow the same rules. A key given twice,
 * a field nobody takes, a value of the wrong type, a fraction where a whole number belongs and a
 * number out of range (compared before any conversion, so 4294967297 never becomes 1) are each
 * refused with a {@link WorkerConfigException} naming the field. Absent fields and JSON {@code null}
 * read as null, or as the declared default of a {@link SettingField}.
 */
public final class JsonFields {

    /** Parsson refuses duplicate keys with this strategy instead of keeping the last one. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final String worker;
    private final String afterField;
    private final String atEnd;
    private final JsonObject json;

    public JsonFields(String worker, JsonObject json) {
        this(worker, worker == null ? "" : " of worker " + worker, "", json);
    }

    private JsonFields(String worker, String afterField, String atEnd, JsonObject json) {
        this.worker = worker;
        this.afterField = afterField;
        this.atEnd = atEnd;
        this.json = json;
    }

    /** The fields of a whole worker, whose {@code name} names it in messages. */
    public static JsonFields of(JsonObject json) {
        return new JsonFields(new JsonFields(null, json).string("name"), json);
    }

    /** A request body: messages end with the call, such as {@code (POST /runs)}. */
    public static JsonFields body(String call, JsonObject json) {
        return new JsonFields(null, "", " (" + call + ")", json);
    }

    /**
     * {@code text} as one JSON object; a key given twice, text that is not JSON and JSON that is
     * not an object are refused, {@code source} naming what was read ("the request body of POST /runs").
     */
    public static JsonObject readObject(String text, String source) {
        JsonValue value = readValue(text, source);
        if (!(value instanceof JsonObject object)) {
            throw new WorkerConfigException(null, source + " is not the JSON expected: it must be an object {...}, not "
                    + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return object;
    }

    /** {@code text} as JSON, a key given twice refused as in {@link #readObject}. */
    public static JsonValue readValue(String text, String source) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new WorkerConfigException(null, source + " is not the JSON expected: " + root.getMessage());
        }
    }

    /**
     * Refuses a field not in {@code known}, naming it ({@code whose} before, {@code takes} after:
     * who takes which); with {@code comments}, keys starting with {@code _} are comments and pass.
     */
    public void refuseUnknown(Collection<String> known, boolean comments, String whose, String takes) {
        List<String> unknown = new ArrayList<>();
        for (String field : json.keySet()) {
            if (!known.contains(field) && !(comments && field.startsWith("_"))) {
                unknown.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw new WorkerConfigException(unknown.get(0), whose + (unknown.size() == 1 ? "unknown field " : "unknown fields ")
                    + String.join(", ", unknown) + takes);
        }
    }

    public String worker() {
        return worker;
    }

    public JsonObject json() {
        return json;
    }

    /** {@code field} read by its declaration: refused when required and absent, its default when absent. */
    public String string(SettingField field) {
        String value = string(field.name());
        if (value == null) {
            requireGiven(field);
            return field.defaultValue() instanceof JsonString text ? text.getString() : null;
        }
        return value;
    }

    /** A whole number by its declaration: type, range and default as {@link SettingField} says. */
    public Integer integer(SettingField field) {
        JsonNumber number = number(field.name(), "a whole number" + bounds(field));
        if (number == null) {
            requireGiven(field);
            return field.defaultValue() instanceof JsonNumber given ? given.intValueExact() : null;
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw wrongType(field.name(), "a whole number" + bounds(field), number);
        }
        inRange(field, exact);
        if (exact.compareTo(INT_MIN) < 0 || exact.compareTo(INT_MAX) > 0) {
            throw new WorkerConfigException(field.name(), field.name() + afterField + " is out of range: " + exact.toPlainString() + atEnd);
        }
        return exact.intValueExact();
    }

    /**
     * A number by its declaration: type, range and default as {@link SettingField} says. A string
     * holding a plain decimal ({@code "4"}, {@code "0.5"}) is that number: ras-commander writes
     * {@code cpu_limit} so.
     */
    public Double decimal(SettingField field) {
        JsonNumber number = json.get(field.name()) instanceof JsonString text && PLAIN_DECIMAL.matcher(text.getString()).matches()
                ? Json.createValue(new BigDecimal(text.getString())) : number(field.name(), "a number");
        if (number == null) {
            requireGiven(field);
            return field.defaultValue() instanceof JsonNumber given ? given.doubleValue() : null;
        }
        double result = number.doubleValue();
        if (Double.isInfinite(result)) {
            throw new WorkerConfigException(field.name(), field.name() + afterField + " is out of range: " + number + atEnd);
        }
        inRange(field, number.bigDecimalValue());
        return result;
    }

    /** true or false by its declaration; its default when absent. */
    public boolean flag(SettingField field) {
        Boolean value = bool(field.name());
        return value == null ? field.defaultValue() == JsonValue.TRUE : value;
    }

    public String string(String field) {
        return string(field, "a string");
    }

    /** A string; {@code expected} says what it is in a refusal ("a string (the path of a .prj file)"). */
    public String string(String field, String expected) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw wrongType(field, expected, value);
    }

    /** A list of strings; null when absent. */
    public List<String> strings(String field, String expected) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        throw wrongType(field, expected, value);
    }

    public Integer integer(String field) {
        return integer(SettingField.whole(field, field));
    }

    public Double decimal(String field) {
        return decimal(SettingField.number(field, field));
    }

    /** true or false; null when absent. */
    public Boolean bool(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw wrongType(field, "true or false", value);
    }

    public boolean flag(String field, boolean absent) {
        Boolean value = bool(field);
        return value == null ? absent : value;
    }

    private void inRange(SettingField field, BigDecimal value) {
        field.checkRange(afterField, atEnd, value);
    }

    private static String bounds(SettingField field) {
        return field.min() != null && field.max() != null
                ? " from " + field.min().stripTrailingZeros().toPlainString() + " to " + field.max().stripTrailingZeros().toPlainString()
                : "";
    }

    private void requireGiven(SettingField field) {
        if (field.required()) {
            throw new WorkerConfigException(field.name(), field.name() + " is required" + (worker == null ? "" : " for worker " + worker)
                    + ": " + field.help() + atEnd);
        }
    }

    private JsonNumber number(String field, String expected) {
        JsonValue value = value(field);
        if (value == null || value instanceof JsonNumber) {
            return (JsonNumber) value;
        }
        throw wrongType(field, expected, value);
    }

    private JsonValue value(String field) {
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private WorkerConfigException wrongType(String field, String expected, JsonValue value) {
        String given = switch (value.getValueType()) {
            case STRING -> "the string " + value;
            case NUMBER, TRUE, FALSE -> value.toString();
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
        };
        return new WorkerConfigException(field, field + afterField + " must be " + expected + ", not " + given + atEnd);
    }

    public static Writer writer() {
        return new Writer();
    }

    /** Builds fields for answers and storage, leaving absent (null) values out. */
    public static final class Writer {

        private final JsonObjectBuilder builder = Json.createObjectBuilder();

        private Writer() {
        }

        public Writer add(String field, String value) {
            if (value != null) {
                builder.add(field, value);
            }
            return this;
        }

        public Writer add(String field, Integer value) {
            if (value != null) {
                builder.add(field, value);
            }
            return this;
        }

        public Writer add(String field, Double value) {
            if (value != null) {
                builder.add(field, value);
            }
            return this;
        }

        public Writer add(String field, boolean value) {
            builder.add(field, value);
            return this;
        }

        public Writer addAll(JsonObject fields) {
            fields.forEach(builder::add);
            return this;
        }

        public JsonObject build() {
            return builder.build();
        }
    }
}
