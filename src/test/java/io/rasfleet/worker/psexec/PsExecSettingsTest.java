package io.rasfleet.worker.psexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.WorkerConfigException;
import org.junit.jupiter.api.Test;

class PsExecSettingsTest {

    private static PsExecSettings settings(String host, String share, Integer session, String user, String alias) {
        return new PsExecSettings(host, null, share, session, user, alias, "C:\\HEC\\Ras.exe", null, null, null);
    }

    private static WorkerConfigException refused(PsExecSettings settings) {
        return assertThrows(WorkerConfigException.class, () -> settings.validate("win1"));
    }

    @Test
    void aVersionsInstallRootIsAFolderOnTheMachine() {
        PsExecSettings byVersion = new PsExecSettings("pc", null, "\\\\pc\\Ras", 1, null, null, null, "6.6", "D:\\HEC\\HEC-RAS", null);
        byVersion.validate("win1");
        assertEquals(java.util.List.of("D:\\HEC\\HEC-RAS"), byVersion.installRoots());
        assertEquals("ras_install_root", refused(new PsExecSettings("pc", null, "\\\\pc\\Ras", 1, null, null, null, "6.6",
                "\\\\pc\\HEC", null)).field());
        assertEquals(java.util.List.of("C:\\Program Files (x86)\\HEC\\HEC-RAS", "C:\\Program Files\\HEC\\HEC-RAS"),
                new PsExecSettings("pc", null, "\\\\pc\\Ras", 1, null, null, null, null, null, null).installRoots());
    }

    @Test
    void aDesktopSessionIsRequiredNeverSessionZero() {
        settings("pc", "\\\\pc\\Ras", 2, null, null).validate("win1");
        assertEquals("session_id", refused(settings("pc", "\\\\pc\\Ras", null, null, null)).field());
        assertTrue(refused(settings("pc", "\\\\pc\\Ras", 0, null, null)).getMessage().contains("session 0 has no desktop"));
    }

    @Test
    void theShareIsAUncPathOnTheWorkersHost() {
        assertTrue(refused(settings("pc", "Z:\\Ras", 1, null, null)).getMessage().contains("is a mapped drive"));
        assertEquals("share_path", refused(settings("pc", "\\\\other\\Ras", 1, null, null)).field());
        assertEquals("hostname", refused(settings("pc;reboot", "\\\\pc\\Ras", 1, null, null)).field());
    }

    @Test
    void anAccountComesWithItsAliasOrNotAtAll() {
        settings("pc", "\\\\pc\\Ras", 1, "CORP\\ras", "pc-login").validate("win1");
        assertEquals("credential_alias", refused(settings("pc", "\\\\pc\\Ras", 1, "ras", null)).field());
        assertEquals("credential_alias", refused(settings("pc", "\\\\pc\\Ras", 1, null, "pc-login")).field());
        assertEquals("username", refused(settings("pc", "\\\\pc\\Ras", 1, "a\"b", "pc-login")).field());
        assertEquals("credential_alias", refused(settings("pc", "\\\\pc\\Ras", 1, "ras", "my secret")).field());
    }

    @Test
    void theWorkerFolderIsTheSharesWindowsPath() {
        PsExecSettings settings = settings("pc", "\\\\pc\\Ras", 1, null, null);
        assertEquals("C:\\Ras", settings.workerFolder("win1", null));
        assertEquals("D:\\RasRemote", settings.workerFolder("win1", "D:\\RasRemote"));
        for (String folder : new String[] {"work\\here", "/srv/ras", "\\\\pc\\Ras"}) {
            assertEquals("worker_folder", assertThrows(WorkerConfigException.class, () -> settings.workerFolder("win1", folder)).field());
        }
    }

    @Test
    void answersNameTheAliasAndNothingOfLinuxEngines() {
        String answered = settings("pc", "\\\\pc\\Ras", 1, "ras", "pc-login").fields().toString();
        assertTrue(answered.contains("\"credential_alias\":\"pc-login\""), answered);
        assertFalse(answered.contains("preprocess_on_host"), answered);
    }
}
