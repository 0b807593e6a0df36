package io.rasfleet.worker.ssh;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.ArrayList;
import java.util.List;

/** The {@code ssh} worker type. */
public final class SshProvider implements WorkerProvider {

    static final SettingField HOSTNAME = SettingField.text("hostname", "the Linux machine's host name or IP address").mandatory();
    static final SettingField USERNAME = SettingField.text("username", "the Linux user plans run as").mandatory();
    /** Also the Linux engine fields of the docker and slurm types. */
    public static final SettingField RAS_ENGINE_PATH = SettingField.text("ras_engine_path",
            "the folder of HEC-RAS's Linux engine; absent when found by ras_version");
    static final SettingField PREPROCESS_ON_HOST = SettingField.flag("preprocess_on_host", false,
            "plans without compute inputs get them from a Windows-capable worker of the run first");

    @Override
    public String type() {
        return SshSettings.TYPE;
    }

    @Override
    public List<SettingField> fields() {
        List<SettingField> fields = new ArrayList<>(List.of(HOSTNAME, SettingChecks.PORT, USERNAME));
        fields.addAll(SshLogin.FIELDS);
        fields.addAll(List.of(RAS_ENGINE_PATH, SettingChecks.RAS_VERSION, SettingChecks.RAS_INSTALL_ROOT, PREPROCESS_ON_HOST,
                SettingChecks.CACHE_LIMIT_MB));
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new SshSettings(json.string(HOSTNAME), json.integer(SettingChecks.PORT), json.string(USERNAME), SshLogin.read(json),
                json.string(RAS_ENGINE_PATH), json.string(SettingChecks.RAS_VERSION), json.string(SettingChecks.RAS_INSTALL_ROOT),
                json.flag(PREPROCESS_ON_HOST), json.integer(SettingChecks.CACHE_LIMIT_MB));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new SshWorker(spec);
    }
}
