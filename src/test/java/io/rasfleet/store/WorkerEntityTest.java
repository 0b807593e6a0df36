package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerJson;
import io.rasfleet.worker.WorkerSpec;
import jakarta.json.Json;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerEntityTest {

    private static final List<String> WORKERS = List.of(
            "{\"name\": \"w1\", \"worker_type\": \"local\", \"cores_total\": 2, \"worker_folder\": \"/srv\", \"ras_exe_path\": \"/r\","
                    + " \"preprocess_only\": true, \"max_runtime_minutes\": 30}",
            "{\"name\": \"w2\", \"worker_type\": \"ssh\", \"cores_total\": 8, \"cores_per_plan\": 4, \"hostname\": \"h\","
                    + " \"username\": \"u\", \"credential_alias\": \"h-login\", \"worker_folder\": \"/w\", \"ras_engine_path\": \"/e\","
                    + " \"preprocess_on_host\": true, \"process_priority\": \"low\"}",
            "{\"name\": \"w3\", \"worker_type\": \"docker\", \"cores_total\": 1, \"docker_image\": \"i\", \"ras_engine_path\": \"/e\","
                    + " \"cpu_limit\": 0.5, \"memory_limit\": \"1g\", \"docker_host\": \"ssh://u@h\", \"ssh_key_path\": \"/k\"}",
            "{\"name\": \"w4\", \"worker_type\": \"psexec\", \"cores_total\": 1, \"hostname\": \"pc\", \"share_path\": \"\\\\\\\\pc\\\\R\","
                    + " \"session_id\": 1, \"ras_exe_path\": \"C:\\\\Ras.exe\", \"enabled\": false, \"autoclean\": false}");

    private static WorkerSpec spec(String json) {
        return WorkerJson.parse(Json.createReader(new StringReader(json)).readObject());
    }

    private static Field settingsColumn() throws NoSuchFieldException {
        Field column = WorkerEntity.class.getDeclaredField("settings");
        column.setAccessible(true);
        return column;
    }

    @Test
    void everyTypeComesBackFromItsRowAsItWasSaved() {
        for (String json : WORKERS) {
            WorkerSpec spec = spec(json);
            assertEquals(spec, WorkerEntity.of(spec).toSpec(), json);
        }
    }

    @Test
    void theTypesOwnSettingsAreOneJsonColumnNamingAnAliasNeverASecret() throws Exception {
        WorkerEntity entity = WorkerEntity.of(spec(WORKERS.get(1)));
        assertEquals("{\"hostname\":\"h\",\"username\":\"u\",\"credential_alias\":\"h-login\",\"ras_engine_path\":\"/e\","
                + "\"preprocess_on_host\":true}", settingsColumn().get(entity));
    }

    @Test
    void aRowWithoutSettingsIsRefusedSayingToSaveItAgain() throws Exception {
        WorkerEntity entity = WorkerEntity.of(spec(WORKERS.get(0)));
        settingsColumn().set(entity, null);
        WorkerConfigException e = assertThrows(WorkerConfigException.class, entity::toSpec);
        assertEquals("settings", e.field());
        assertEquals("worker w1 was saved by an older rasfleet without its local settings: save it again (PUT /api/workers/w1)",
                e.getMessage());
    }
}
