package io.rasfleet.worker.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.WorkerConfigException;
import org.junit.jupiter.api.Test;

class SshSettingsTest {

    private static final SshLogin KEY = new SshLogin("/keys/id", null, null, null);

    private static SshSettings settings(String host, Integer port, String user, SshLogin login, String engine) {
        return new SshSettings(host, port, user, login, engine, null, null, false);
    }

    private static WorkerConfigException refused(SshSettings settings) {
        return assertThrows(WorkerConfigException.class, () -> settings.validate("linux1"));
    }

    @Test
    void aValidMachineIsTakenWithPort22ByDefault() {
        SshSettings settings = settings("ras-01.corp", null, "ras", KEY, "/opt/ras");
        settings.validate("linux1");
        assertEquals(22, settings.portOrDefault());
    }

    @Test
    void hostUserAndPortAreNothingAShellCouldRead() {
        assertEquals("hostname 'h; rm -rf /' of worker linux1 is not a host name or IP address",
                refused(settings("h; rm -rf /", null, "ras", KEY, "/e")).getMessage());
        assertEquals("username", refused(settings("h", null, "$(id)", KEY, "/e")).field());
        assertEquals("username", refused(settings("h", null, null, KEY, "/e")).field());
        assertEquals("port", refused(settings("h", 0, "ras", KEY, "/e")).field());
    }

    @Test
    void theLoginNeedsAKeyOrAPasswordAliasAndNeverThePassword() {
        assertEquals("ssh_key_path", refused(settings("h", null, "ras", SshLogin.NONE, "/e")).field());
        WorkerConfigException password = refused(settings("h", null, "ras", new SshLogin(null, null, null, "hunter2 is my password"), "/e"));
        assertEquals("credential_alias", password.field());
        assertTrue(password.getMessage().endsWith("never the password itself"), password.getMessage());
        settings("h", null, "ras", new SshLogin(null, null, null, "ras-01-login"), "/e").validate("linux1");
        assertEquals("host_key_fingerprint", refused(settings("h", null, "ras", new SshLogin("/k", null, "MD5:aa", null), "/e")).field());
        assertEquals("known_hosts_path", refused(settings("h", null, "ras", new SshLogin("/k", "", null, null), "/e")).field());
    }

    @Test
    void theEngineAndTheWorkerFolderAreAbsolutePathsOnTheMachine() {
        assertEquals("ras_engine_path", refused(settings("h", null, "ras", KEY, "opt/ras")).field());
        SshSettings settings = settings("h", null, "ras", KEY, "/opt/ras");
        assertEquals("/scratch", settings.workerFolder("linux1", "/scratch"));
        for (String folder : new String[] {"work", "/", "C:\\work"}) {
            assertEquals("worker_folder", assertThrows(WorkerConfigException.class, () -> settings.workerFolder("linux1", folder)).field());
        }
        assertEquals("worker_folder", assertThrows(WorkerConfigException.class, () -> settings.workerFolder("linux1", null)).field());
    }

    @Test
    void aVersionUnderAnInstallRootStandsInsteadOfTheEngineFolder() {
        new SshSettings("h", null, "ras", KEY, null, "6.6", "/srv/hecras", false).validate("linux1");
        new SshSettings("h", null, "ras", KEY, null, null, null, false).validate("linux1");
        assertEquals("ras_install_root", refused(new SshSettings("h", null, "ras", KEY, null, "6.6", "hecras", false)).field());
        assertEquals("ras_version", refused(new SshSettings("h", null, "ras", KEY, "/opt/ras", "6.6", null, false)).field());
        assertEquals("ras_version", refused(new SshSettings("h", null, "ras", KEY, null, "six", null, false)).field());
    }

    @Test
    void theCacheLimitIsFiftyGibibytesUnlessGivenAndNeverNegative() {
        assertEquals(50L << 30, settings("h", null, "ras", KEY, "/opt/ras").cacheLimitBytes());
        SshSettings small = new SshSettings("h", null, "ras", KEY, "/opt/ras", null, null, false, 0);
        small.validate("linux1");
        assertEquals(0, small.cacheLimitBytes());
        WorkerConfigException negative = refused(new SshSettings("h", null, "ras", KEY, "/opt/ras", null, null, false, -1));
        assertEquals("cache_limit_mb", negative.field());
        assertEquals(Integer.valueOf(2048), io.rasfleet.worker.WorkerJson.parse(jakarta.json.Json.createObjectBuilder()
                .add("name", "linux1").add("worker_type", "ssh").add("cores_total", 2).add("worker_folder", "/w")
                .add("hostname", "h").add("username", "ras").add("ssh_key_path", "/k").add("ras_engine_path", "/opt/ras")
                .add("cache_limit_mb", 2048).build()).settings().fields().getInt("cache_limit_mb"));
    }
}
