package io.rasfleet.api;

import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.WorkerJson;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.Workers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The {@code Worker} schema of the OpenAPI document, made from the declarations the worker reader
 * reads by ({@link WorkerJson#COMMON} and each type's {@link WorkerProvider#fields()}): every field
 * any type takes, with its JSON type, default, range, words and the types that take it, so the
 * document cannot drift from what {@code POST /workers} accepts. Named in
 * {@code META-INF/microprofile-config.properties} ({@code mp.openapi.model.reader}).
 */
public class WorkerSchemas implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        return OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("Worker", worker()));
    }

    static Schema worker() {
        Map<String, SettingField> fields = new LinkedHashMap<>();
        Map<String, List<String>> typesOf = new LinkedHashMap<>();
        WorkerJson.COMMON.forEach(field -> fields.put(field.name(), field));
        for (WorkerProvider provider : Workers.providers()) {
            for (SettingField field : provider.fields()) {
                fields.putIfAbsent(field.name(), field);
                typesOf.computeIfAbsent(field.name(), n -> new ArrayList<>()).add(provider.type());
            }
        }
        Schema worker = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("one worker as in ras-commander's"
                + " RemoteWorkers.json; POST /workers also takes {\"workers\": [...]} of these. Keys starting with '_' are comments."
                + " Types: " + Workers.types());
        for (SettingField field : fields.values()) {
            List<String> types = typesOf.get(field.name());
            worker.addProperty(field.name(), property(field, types == null || WorkerJson.COMMON.contains(field) ? null : types));
            if (field.required() && types == null) {
                worker.addRequired(field.name());
            }
        }
        worker.addProperty(WorkerJson.PASSWORD, OASFactory.createSchema().addType(Schema.SchemaType.STRING).writeOnly(true)
                .description("a login password (types with credential_alias): put into WildFly's credential store under an alias"
                        + " made from the worker's name, never kept with the worker nor answered"));
        return worker;
    }

    private static Schema property(SettingField field, List<String> types) {
        Schema schema = OASFactory.createSchema().addType(switch (field.kind()) {
            case STRING -> Schema.SchemaType.STRING;
            case INTEGER -> Schema.SchemaType.INTEGER;
            case NUMBER -> Schema.SchemaType.NUMBER;
            case BOOLEAN -> Schema.SchemaType.BOOLEAN;
            case ARRAY -> Schema.SchemaType.ARRAY;
        }).description(field.help() + (types == null ? "" : " (" + String.join(", ", types) + (field.required() ? "; required" : "")
                + ")"));
        if (field.kind() == SettingField.Kind.ARRAY) {
            schema.items(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
        if (field.defaultValue() != null) {
            schema.defaultValue(switch (field.defaultValue().getValueType()) {
                case TRUE -> true;
                case FALSE -> false;
                case NUMBER -> ((jakarta.json.JsonNumber) field.defaultValue()).bigDecimalValue();
                case STRING -> ((jakarta.json.JsonString) field.defaultValue()).getString();
                default -> field.defaultValue().toString();
            });
        }
        if (field.min() != null) {
            schema.minimum(field.min());
        }
        if (field.max() != null) {
            schema.maximum(field.max());
        }
        if (!field.values().isEmpty()) {
            schema.enumeration(new ArrayList<>(field.values()));
        }
        return schema;
    }
}
