package io.rasfleet.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.ssh.SshLogin;
import org.junit.jupiter.api.Test;

class DockerSettingsTest {

    private static DockerSettings settings(String image, String host, Double cpu, String memory, String username, SshLogin login) {
        return new DockerSettings(image, host, null, cpu, memory, "/opt/ras", null, null, true, username, login);
    }

    private static String refusedField(DockerSettings settings) {
        return assertThrows(WorkerConfigException.class, () -> settings.validate("dock1")).field();
    }

    @Test
    void theImageIsAReferenceNotACommand() {
        settings("corp/ras-linux:6.6", null, null, null, null, null).validate("dock1");
        assertEquals("docker_image", refusedField(settings("Corp/$(id)", null, null, null, null, null)));
        assertEquals("docker_image", refusedField(settings(null, null, null, null, null, null)));
        assertEquals("ras_engine_path", refusedField(new DockerSettings("i", null, null, null, null, "opt", null, null, false, null, null)));
    }

    @Test
    void limitsAreSizesAndFractionsOfCpus() {
        assertEquals(8L << 30, settings("i", null, 2.5, "8g", null, null).memoryLimitBytes());
        assertEquals(512L << 20, settings("i", null, null, "512m", null, null).memoryLimitBytes());
        assertNull(settings("i", null, null, null, null, null).memoryLimitBytes());
        assertEquals("memory_limit", refusedField(settings("i", null, null, "lots", null, null)));
        assertEquals("memory_limit", refusedField(settings("i", null, null, "1m", null, null)));
        assertEquals("cpu_limit", refusedField(settings("i", null, 0.0, null, null, null)));
    }

    @Test
    void theEngineIsALocalSocketTcpOrSsh() {
        assertEquals("unix:///var/run/docker.sock", DockerHostAddress.parse("dock1", settings("i", null, null, null, null, null)).toString());
        assertEquals("tcp://engine:2376", DockerHostAddress.parse("dock1", settings("i", "tcp://engine:2376", null, null, null, null)).toString());
        assertEquals("ssh://ras@build-07:22", DockerHostAddress.parse("dock1",
                settings("i", "ssh://build-07", null, null, "ras", null)).toString(), "username is the user of ssh:// without one");
        assertEquals("docker_host", refusedField(settings("i", "http://engine:2375", null, null, null, null)));
        assertEquals("docker_host", refusedField(settings("i", "ssh://build-07", null, null, null, null)));
        assertEquals("docker_host", refusedField(settings("i", "ssh://$(id)@build-07", null, null, null, null)));
    }

    @Test
    void anSshLoginIsCheckedWhenOneIsGiven() {
        assertEquals("host_key_fingerprint", refusedField(settings("i", "ssh://ras@h", null, null, null,
                new SshLogin("/k", null, "MD5:aa", null))));
        assertEquals("ssh_key_path", refusedField(settings("i", "ssh://ras@h", null, null, null,
                new SshLogin(null, "/known_hosts", null, null))));
    }

    @Test
    void theWorkerFolderIsInTheContainerWithADefault() {
        DockerSettings settings = settings("i", null, null, null, null, null);
        assertEquals("/rasfleet", settings.workerFolder("dock1", null));
        assertEquals("/work", settings.workerFolder("dock1", "/work"));
        assertEquals("worker_folder", assertThrows(WorkerConfigException.class, () -> settings.workerFolder("dock1", "work")).field());
    }
}
