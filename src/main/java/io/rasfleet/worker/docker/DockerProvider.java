package io.rasfleet.worker.docker;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import io.rasfleet.worker.ssh.SshProvider;
import java.util.ArrayList;
import java.util.List;

/** The {@code docker} worker type. */
public final class DockerProvider implements WorkerProvider {

    static final SettingField DOCKER_IMAGE = SettingField.text("docker_image",
            "the image holding HEC-RAS's Linux engine, present on the engine (never pulled)").mandatory();
    static final SettingField DOCKER_HOST = SettingField.text("docker_host",
            "the engine: unix:///var/run/docker.sock (when absent), tcp://host:2376 or ssh://user@host[:port]");
    static final SettingField DOCKER_CERT_PATH = SettingField.text("docker_cert_path",
            "for tcp://: the folder holding ca.pem, cert.pem and key.pem");
    /** Docker takes CPUs from 0.01 up. */
    static final SettingField CPU_LIMIT = SettingField.number("cpu_limit", "CPUs a container may use (fractions allowed); none when absent")
            .range(new java.math.BigDecimal("0.01"), 1024);
    static final SettingField MEMORY_LIMIT = SettingField.text("memory_limit",
            "memory a container may use, as Docker writes it (512m, 4g; at least 6m)");
    static final SettingField RAS_INSTALL_ROOT = SettingField.text("ras_install_root",
            "where version folders are in the image, " + io.rasfleet.worker.linux.EngineInstalls.DEFAULT_ROOT + " when absent");
    /** ras-commander's default for its Docker workers. */
    static final SettingField PREPROCESS_ON_HOST = SettingField.flag("preprocess_on_host", true,
            "plans without compute inputs get them from a Windows-capable worker of the run first");
    static final SettingField USERNAME = SettingField.text("username", "the user of an ssh:// engine that names none");

    @Override
    public String type() {
        return DockerSettings.TYPE;
    }

    @Override
    public List<SettingField> fields() {
        List<SettingField> fields = new ArrayList<>(List.of(DOCKER_IMAGE, DOCKER_HOST, DOCKER_CERT_PATH, CPU_LIMIT, MEMORY_LIMIT,
                SshProvider.RAS_ENGINE_PATH, SettingChecks.RAS_VERSION, RAS_INSTALL_ROOT, PREPROCESS_ON_HOST, USERNAME));
        fields.addAll(SshLogin.FIELDS);
        fields.add(SettingChecks.CACHE_LIMIT_MB);
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new DockerSettings(json.string(DOCKER_IMAGE), json.string(DOCKER_HOST), json.string(DOCKER_CERT_PATH),
                json.decimal(CPU_LIMIT), json.string(MEMORY_LIMIT), json.string(SshProvider.RAS_ENGINE_PATH),
                json.string(SettingChecks.RAS_VERSION), json.string(RAS_INSTALL_ROOT), json.flag(PREPROCESS_ON_HOST),
                json.string(USERNAME), SshLogin.read(json), json.integer(SettingChecks.CACHE_LIMIT_MB));
    }

    private static final String ARCHIVE = "a docker worker's files travel through the engine's archive API, no shared folder needed";

    @Override
    public java.util.Map<String, String> ignoredKeys() {
        return java.util.Map.of("share_path", ARCHIVE, "remote_staging_path", ARCHIVE, "staging_directory", ARCHIVE,
                "use_ssh_client", "rasfleet connects to ssh:// engines itself (ssh_key_path, known_hosts_path)");
    }

    @Override
    public java.util.Map<String, String> refusedKeys() {
        String engine = "rasfleet runs HEC-RAS's Linux engine of the image itself, files in and out through the archive API:"
                + " name it with ras_engine_path or ras_version (ras_install_root)";
        return java.util.Map.of("container_input_path", engine, "container_output_path", engine, "container_script_path", engine);
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new DockerWorker(spec);
    }
}
