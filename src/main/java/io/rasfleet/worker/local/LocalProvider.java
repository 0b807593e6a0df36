package io.rasfleet.worker.local;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;

/** The {@code local} worker type. */
public final class LocalProvider implements WorkerProvider {

    static final SettingField RAS_EXE_PATH = SettingField.text("ras_exe_path",
            "the program that computes a plan (Ras.exe, or the stand-in's Ras); absent when found by ras_version");
    static final SettingField PREPROCESS_ONLY = SettingField.flag("preprocess_only", false,
            "only make compute inputs for workers with preprocess_on_host; never handed plans");

    @Override
    public String type() {
        return LocalSettings.TYPE;
    }

    @Override
    public List<SettingField> fields() {
        return List.of(RAS_EXE_PATH, SettingChecks.RAS_VERSION, SettingChecks.RAS_INSTALL_ROOT, PREPROCESS_ONLY);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new LocalSettings(json.string(RAS_EXE_PATH), json.string(SettingChecks.RAS_VERSION),
                json.string(SettingChecks.RAS_INSTALL_ROOT), json.flag(PREPROCESS_ONLY));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new LocalWorker(spec);
    }
}
