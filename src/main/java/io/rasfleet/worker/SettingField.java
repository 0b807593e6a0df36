package io.rasfleet.worker;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One field of a worker as ras-commander spells it, with the rules {@link JsonFields} reads it by:
 * its JSON type, whether it must be given, what an absent one means, its range and allowed words.
 * The providers read their settings through these declarations and {@link SettingsSchema} shows
 * them, so what a form offers and what an import accepts cannot drift apart.
 *
 * @param defaultValue what an absent field means, as JSON; null when absence means "none"
 * @param min          the smallest number allowed, null for none
 * @param max          the largest number allowed, null for none
 * @param values       the words allowed for a string, empty for any text
 * @param help         one line for forms and the README
 */
public record SettingField(String name, Kind kind, boolean required, JsonValue defaultValue, BigDecimal min, BigDecimal max,
        List<String> values, String help) {

    /** The JSON type of a field. */
    public enum Kind {
        STRING, INTEGER, NUMBER, BOOLEAN, ARRAY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SettingField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static SettingField text(String name, String help) {
        return new SettingField(name, Kind.STRING, false, null, null, null, List.of(), help);
    }

    public static SettingField whole(String name, String help) {
        return new SettingField(name, Kind.INTEGER, false, null, null, null, List.of(), help);
    }

    public static SettingField number(String name, String help) {
        return new SettingField(name, Kind.NUMBER, false, null, null, null, List.of(), help);
    }

    public static SettingField flag(String name, boolean absent, String help) {
        return new SettingField(name, Kind.BOOLEAN, false, absent ? JsonValue.TRUE : JsonValue.FALSE, null, null, List.of(), help);
    }

    public static SettingField list(String name, String help) {
        return new SettingField(name, Kind.ARRAY, false, null, null, null, List.of(), help);
    }

    public SettingField mandatory() {
        return new SettingField(name, kind, true, defaultValue, min, max, values, help);
    }

    public SettingField defaultsTo(int value) {
        return new SettingField(name, kind, required, Json.createValue(value), min, max, values, help);
    }

    public SettingField defaultsTo(String value) {
        return new SettingField(name, kind, required, Json.createValue(value), min, max, values, help);
    }

    public SettingField range(Number low, Number high) {
        return new SettingField(name, kind, required, defaultValue, decimal(low), decimal(high), values, help);
    }

    public SettingField oneOf(String... words) {
        return new SettingField(name, kind, required, defaultValue, min, max, List.of(words), help);
    }

    /** Refuses a number outside {@link #min()}..{@link #max()}, naming the field and the worker. */
    public void checkRange(String worker, Number value) {
        checkRange(worker == null ? "" : " of worker " + worker, "", value);
    }

    /** As {@link #checkRange(String, Number)}, the message saying where after the field's name and at its end. */
    void checkRange(String afterName, String atEnd, Number value) {
        if (value == null) {
            return;
        }
        BigDecimal given = decimal(value);
        if (min != null && given.compareTo(min) < 0 || max != null && given.compareTo(max) > 0) {
            String bounds = min != null && max != null ? "from " + plain(min) + " to " + plain(max)
                    : min != null ? "at least " + plain(min) : "at most " + plain(max);
            throw new WorkerConfigException(name, name + afterName + " must be " + bounds + ", not " + plain(given) + atEnd);
        }
    }

    /** The field as {@code GET /workers/types} shows it. */
    public JsonObject toJson() {
        JsonObjectBuilder out = Json.createObjectBuilder().add("name", name).add("type", kind.label()).add("required", required)
                .add("default", defaultValue == null ? JsonValue.NULL : defaultValue);
        if (min != null) {
            out.add("min", min);
        }
        if (max != null) {
            out.add("max", max);
        }
        if (!values.isEmpty()) {
            JsonArrayBuilder words = Json.createArrayBuilder();
            values.forEach(words::add);
            out.add("values", words);
        }
        return out.add("help", help).build();
    }

    private static BigDecimal decimal(Number value) {
        return value == null ? null : value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
