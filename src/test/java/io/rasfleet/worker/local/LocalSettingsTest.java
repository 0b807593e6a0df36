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
    void theProgramIsOnOneLineAndOptionalAsTheInstallFoldersAreSearchedWithoutIt() {
        new LocalSettings(null, null, null, false).validate("w");
        assertEquals("ras_exe_path", refusedField(() -> new LocalSettings(" ", null, null, false).validate("w")));
        assertEquals("ras_exe_path", refusedField(() -> new LocalSettings("/opt/Ras\n-c x", null, null, false).validate("w")));
        new LocalSettings("/opt/Ras", null, null, false).validate("w");
    }

    @Test
    void aVersionIsNamedInsteadOfTheProgramNeverBeside() {
        new LocalSettings(null, "6.6", null, false).validate("w");
        new LocalSettings(null, "6.7 Beta 5", "/srv/hec", false).validate("w");
        WorkerConfigException both = assertThrows(WorkerConfigException.class,
                () -> new LocalSettings("/opt/Ras", "6.6", null, false).validate("w"));
        assertEquals("ras_version", both.field());
        assertEquals("worker w names both ras_exe_path and ras_version: name one, the program's path or the version to find"
                + " in the install folders", both.getMessage());
        assertEquals("ras_install_root", refusedField(() -> new LocalSettings("/opt/Ras", null, "/srv/hec", false).validate("w")));
        assertEquals("ras_install_root", refusedField(() -> new LocalSettings(null, "6.6", "hec", false).validate("w")));
        WorkerConfigException notAVersion = assertThrows(WorkerConfigException.class,
                () -> new LocalSettings(null, "latest", null, false).validate("w"));
        assertEquals("ras_version of worker w: 'latest' is not a HEC-RAS version (such as 6.6, 66, 6.3.1 or 6.7 Beta 5)",
                notAVersion.getMessage());
    }

    @Test
    void theWorkerFolderIsAnAbsolutePathOnTheAppServer() {
        LocalSettings settings = new LocalSettings("/opt/Ras", null, null, false);
        assertEquals("/srv/ras", settings.workerFolder("w", "/srv/ras"));
        WorkerConfigException relative = assertThrows(WorkerConfigException.class, () -> settings.workerFolder("w", "work/here"));
        assertEquals("worker_folder 'work/here' of worker w must be an absolute path on the app server", relative.getMessage());
        assertEquals("worker_folder", refusedField(() -> settings.workerFolder("w", null)));
        assertEquals("worker_folder", refusedField(() -> settings.workerFolder("w", "/srv\0/ras")));
    }

    @Test
    void preprocessOnlyIsAnsweredAsSet() {
        assertEquals("{\"ras_exe_path\":\"/opt/Ras\",\"preprocess_only\":true}", new LocalSettings("/opt/Ras", null, null, true).fields().toString());
        assertEquals(true, new LocalSettings("/opt/Ras", null, null, true).preprocessOnly());
        assertEquals(false, new LocalSettings("/opt/Ras", null, null, true).preprocessOnHost());
    }
}
