package io.rasfleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /workers/types} read as a form would read it (its JSON text), then held against what
 * the parser does: every bound it states is where a worker starts being refused, every required
 * field refused when absent, every default what an absent field becomes.
 */
class SettingsSchemaTest {

    private static final Map<String, String> VALID = new HashMap<>(WorkerJsonTest.VALID);

    static {
        VALID.put("slurm", """
                {"name": "w", "worker_type": "slurm", "hostname": "login", "username": "ras", "ssh_key_path": "/keys/id",
                 "partition": "debug", "max_jobs": 4, "worker_folder": "/scratch/ras", "ras_engine_path": "/opt/ras"}""");
    }

    private static List<JsonObject> types() {
        return Json.createReader(new StringReader(SettingsSchema.types().toString())).readObject().getJsonArray("types")
                .getValuesAs(JsonObject.class);
    }

    private static JsonObject valid(String type) {
        return Json.createReader(new StringReader(VALID.get(type))).readObject();
    }

    private static WorkerConfigException refused(JsonObject worker) {
        return assertThrows(WorkerConfigException.class, () -> WorkerJson.parse(worker), worker::toString);
    }

    @Test
    void everyTypeListsTheFieldsItsParserTakesInOrder() {
        List<String> listed = new ArrayList<>();
        for (JsonObject type : types()) {
            listed.add(type.getString("type"));
            List<String> names = type.getJsonArray("fields").getValuesAs(JsonObject.class).stream().map(f -> f.getString("name")).toList();
            assertEquals(List.copyOf(WorkerJson.known(Workers.provider(type.getString("type")))), names, type.getString("type"));
            for (JsonObject field : type.getJsonArray("fields").getValuesAs(JsonObject.class)) {
                assertTrue(List.of("string", "integer", "number", "boolean", "array").contains(field.getString("type")), field::toString);
                assertFalse(field.getString("help").isBlank(), field::toString);
                assertTrue(field.containsKey("default") && field.containsKey("required"), field::toString);
            }
        }
        assertEquals(List.of("local", "ssh", "docker", "psexec", "slurm"), listed);
    }

    @Test
    void eachStatedBoundIsWhereTheParserStartsRefusing() {
        int bounds = 0;
        for (JsonObject type : types()) {
            String name = type.getString("type");
            for (JsonObject field : type.getJsonArray("fields").getValuesAs(JsonObject.class)) {
                String f = field.getString("name");
                BigDecimal step = field.getString("type").equals("integer") ? BigDecimal.ONE : new BigDecimal("0.001");
                if (field.get("min") instanceof JsonNumber min) {
                    WorkerConfigException e = refused(Json.createObjectBuilder(valid(name))
                            .add(f, min.bigDecimalValue().subtract(step)).build());
                    assertEquals(f, e.field(), name + ": " + e.getMessage());
                    bounds++;
                }
                if (field.get("max") instanceof JsonNumber max) {
                    WorkerConfigException e = refused(Json.createObjectBuilder(valid(name))
                            .add(f, max.bigDecimalValue().add(step)).build());
                    assertEquals(f, e.field(), name + ": " + e.getMessage());
                    bounds++;
                }
            }
        }
        assertTrue(bounds >= 20, "bounds checked: " + bounds);
    }

    @Test
    void aRequiredFieldLeftOutIsRefusedNamingIt() {
        for (JsonObject type : types()) {
            String name = type.getString("type");
            for (JsonObject field : type.getJsonArray("fields").getValuesAs(JsonObject.class)) {
                String f = field.getString("name");
                if (field.getBoolean("required") && !f.equals("name") && !f.equals("worker_type")) {
                    assertTrue(valid(name).containsKey(f), name + "'s valid worker lacks required " + f);
                    assertEquals(f, refused(Json.createObjectBuilder(valid(name)).remove(f).build()).field(), name);
                }
            }
        }
    }

    @Test
    void anAbsentFieldBecomesItsStatedDefault() {
        int defaults = 0;
        for (JsonObject type : types()) {
            String name = type.getString("type");
            for (JsonObject field : type.getJsonArray("fields").getValuesAs(JsonObject.class)) {
                String f = field.getString("name");
                JsonValue stated = field.get("default");
                if (stated.getValueType() == JsonValue.ValueType.NULL || f.equals("system_account")) {
                    continue;
                }
                JsonObject written = WorkerJson.write(WorkerJson.parse(Json.createObjectBuilder(valid(name)).remove(f).build()));
                assertEquals(stated, written.get(f), name + " without " + f);
                defaults++;
            }
        }
        assertTrue(defaults >= 15, "defaults checked: " + defaults);
    }

    @Test
    void everyAllowedWordIsTakenAndAnotherRefused() {
        JsonObject priority = types().get(0).getJsonArray("fields").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("name").equals("process_priority")).findFirst().orElseThrow();
        for (String word : priority.getJsonArray("values").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList()) {
            assertEquals(word, WorkerJson.write(WorkerJson.parse(Json.createObjectBuilder(valid("local"))
                    .add("process_priority", word).build())).getString("process_priority"));
        }
        assertEquals("process_priority", refused(Json.createObjectBuilder(valid("local")).add("process_priority", "high").build()).field());
    }
}
