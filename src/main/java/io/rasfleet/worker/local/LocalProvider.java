package io.rasfleet.worker.local;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;

/** The {@code local} worker type. */
public final class LocalProvider implements WorkerProvider {

    @Override
    public String type() {
        return LocalSettings.TYPE;
    }

    @Override
    public List<String> fields() {
        return List.of("ras_exe_path", "ras_version", "ras_install_root", "preprocess_only");
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new LocalSettings(json.string("ras_exe_path"), json.string("ras_version"),
                json.string("ras_install_root"), json.flag("preprocess_only", false));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new LocalWorker(spec);
    }
}
