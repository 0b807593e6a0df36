package io.rasfleet.worker.ssh;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.ArrayList;
import java.util.List;

/** The {@code ssh} worker type. */
public final class SshProvider implements WorkerProvider {

    @Override
    public String type() {
        return SshSettings.TYPE;
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>(List.of("hostname", "port", "username"));
        fields.addAll(SshLogin.FIELDS);
        fields.addAll(List.of("ras_engine_path", "ras_version", "ras_install_root", "preprocess_on_host", "cache_limit_mb"));
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new SshSettings(json.string("hostname"), json.integer("port"), json.string("username"), SshLogin.read(json),
                json.string("ras_engine_path"), json.string("ras_version"), json.string("ras_install_root"), json.flag("preprocess_on_host", false),
                json.integer("cache_limit_mb"));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new SshWorker(spec);
    }
}
