package io.rasfleet.worker;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * A worker's JSON fields read by type: a value of the wrong type, a fraction where a whole number
 * belongs or a number no {@code int} holds is refused naming its field, never converted or wrapped
 * around. Absent fields and JSON {@code null} read as null.
 */
public final class JsonFields {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final String worker;
    private final JsonObject json;

    public JsonFields(String worker, JsonObject json) {
        this.worker = worker;
        this.json = json;
    }

    /** The fields of a whole worker, whose {@code name} names it in messages. */
    public static JsonFields of(JsonObject json) {
        return new JsonFields(new JsonFields(null, json).string("name"), json);
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
        Integer value = integer(field.name());
        if (value == null) {
            requireGiven(field);
            return field.defaultValue() instanceof JsonNumber number ? number.intValueExact() : null;
        }
        field.checkRange(worker, value);
        return value;
    }

    /** A number by its declaration: type, range and default as {@link SettingField} says. */
    public Double decimal(SettingField field) {
        Double value = decimal(field.name());
        if (value == null) {
            requireGiven(field);
            return field.defaultValue() instanceof JsonNumber number ? number.doubleValue() : null;
        }
        field.checkRange(worker, value);
        return value;
    }

    /** true or false by its declaration; its default when absent. */
    public boolean flag(SettingField field) {
        return flag(field.name(), field.defaultValue() == JsonValue.TRUE);
    }

    private void requireGiven(SettingField field) {
        if (field.required()) {
            throw new WorkerConfigException(field.name(), field.name() + " is required" + (worker == null ? "" : " for worker " + worker)
                    + ": " + field.help());
        }
    }

    public String string(String field) {
        JsonValue value = value(field);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw wrongType(field, "a string", value);
    }

    public Integer integer(String field) {
        JsonNumber number = number(field, "a whole number");
        if (number == null) {
            return null;
        }
        BigDecimal exact = number.bigDecimalValue();
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw wrongType(field, "a whole number", number);
        }
        if (exact.compareTo(INT_MIN) < 0 || exact.compareTo(INT_MAX) > 0) {
            throw new WorkerConfigException(field, field + of() + " is out of range: " + exact.toPlainString());
        }
        return exact.intValueExact();
    }

    public Double decimal(String field) {
        JsonNumber number = number(field, "a number");
        if (number == null) {
            return null;
        }
        double result = number.doubleValue();
        if (Double.isInfinite(result)) {
            throw new WorkerConfigException(field, field + of() + " is out of range: " + number);
        }
        return result;
    }

    public boolean flag(String field, boolean absent) {
        JsonValue value = value(field);
        if (value == null) {
            return absent;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw wrongType(field, "true or false", value);
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

    private String of() {
        return worker == null ? "" : " of worker " + worker;
    }

    private WorkerConfigException wrongType(String field, String expected, JsonValue value) {
        String given = switch (value.getValueType()) {
            case STRING -> "the string " + value;
            case NUMBER, TRUE, FALSE -> value.toString();
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
        };
        return new WorkerConfigException(field, field + of() + " must be " + expected + ", not " + given);
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
