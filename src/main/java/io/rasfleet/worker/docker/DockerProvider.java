package io.rasfleet.worker.docker;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import java.util.ArrayList;
import java.util.List;

/** The {@code docker} worker type. */
public final class DockerProvider implements WorkerProvider {

    @Override
    public String type() {
        return DockerSettings.TYPE;
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>(List.of("docker_image", "docker_host", "docker_cert_path", "cpu_limit", "memory_limit",
                "ras_engine_path", "ras_version", "ras_install_root", "preprocess_on_host", "username"));
        fields.addAll(SshLogin.FIELDS);
        fields.add("cache_limit_mb");
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new DockerSettings(json.string("docker_image"), json.string("docker_host"), json.string("docker_cert_path"),
                json.decimal("cpu_limit"), json.string("memory_limit"), json.string("ras_engine_path"),
                json.string("ras_version"), json.string("ras_install_root"), json.flag("preprocess_on_host", false), json.string("username"),
                SshLogin.read(json), json.integer("cache_limit_mb"));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new DockerWorker(spec);
    }
}
