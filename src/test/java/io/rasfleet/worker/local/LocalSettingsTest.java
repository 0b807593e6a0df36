package io.rasfleet.worker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rasfleet.worker.WorkerConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LocalSettingsTest {

    private static String refusedField(Executable check) {
        return assertThrows(WorkerConfigException.class, check).field();
    }

    @Test
    void theProgramIsRequiredOnOneLine() {
        assertEquals("ras_exe_path", refusedField(() -> new LocalSettings(null, false).validate("w")));
        assertEquals("ras_exe_path", refusedField(() -> new LocalSettings(" ", false).validate("w")));
        assertEquals("ras_exe_path", refusedField(() -> new LocalSettings("/opt/Ras\n-c x", false).validate("w")));
        new LocalSettings("/opt/Ras", false).validate("w");
    }

    @Test
    void theWorkerFolderIsAnAbsolutePathOnTheAppServer() {
        LocalSettings settings = new LocalSettings("/opt/Ras", false);
        assertEquals("/srv/ras", settings.workerFolder("w", "/srv/ras"));
        WorkerConfigException relative = assertThrows(WorkerConfigException.class, () -> settings.workerFolder("w", "work/here"));
        assertEquals("worker_folder 'work/here' of worker w must be an absolute path on the app server", relative.getMessage());
        assertEquals("worker_folder", refusedField(() -> settings.workerFolder("w", null)));
        assertEquals("worker_folder", refusedField(() -> settings.workerFolder("w", "/srv\0/ras")));
    }

    @Test
    void preprocessOnlyIsAnsweredAsSet() {
        assertEquals("{\"ras_exe_path\":\"/opt/Ras\",\"preprocess_only\":true}", new LocalSettings("/opt/Ras", true).fields().toString());
        assertEquals(true, new LocalSettings("/opt/Ras", true).preprocessOnly());
        assertEquals(false, new LocalSettings("/opt/Ras", true).preprocessOnHost());
    }
}
