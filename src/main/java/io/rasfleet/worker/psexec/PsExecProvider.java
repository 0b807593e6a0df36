package io.rasfleet.worker.psexec;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;

/** The {@code psexec} worker type. */
public final class PsExecProvider implements WorkerProvider {

    @Override
    public String type() {
        return PsExecSettings.TYPE;
    }

    /** With ras-commander's {@code system_account}, taken only to be refused when true. */
    @Override
    public List<String> fields() {
        return List.of("hostname", "port", "share_path", "session_id", "username", "credential_alias", "ras_exe_path",
                "ras_version", "ras_install_root",
                "psexec_path", "system_account", "cache_limit_mb");
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        if (json.flag("system_account", false)) {
            throw new WorkerConfigException("system_account", "system_account is refused for worker " + json.worker()
                    + ": HEC-RAS started as SYSTEM has no desktop and hangs without a word; give the session_id of a"
                    + " logged-in user");
        }
        return new PsExecSettings(json.string("hostname"), json.integer("port"), json.string("share_path"),
                json.integer("session_id"), json.string("username"), json.string("credential_alias"),
                json.string("ras_exe_path"), json.string("ras_version"), json.string("ras_install_root"), json.string("psexec_path"),
                json.integer("cache_limit_mb"));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new PsExecWorker(spec);
    }
}
