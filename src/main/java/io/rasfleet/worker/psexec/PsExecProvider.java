package io.rasfleet.worker.psexec;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;

/** The {@code psexec} worker type. */
public final class PsExecProvider implements WorkerProvider {

    static final SettingField HOSTNAME = SettingField.text("hostname", "the Windows machine's host name or IP address").mandatory();
    static final SettingField SHARE_PATH = SettingField.text("share_path",
            "the machine's SMB share of worker_folder, such as \\\\host\\RasRemote").mandatory();
    /** Session 0 is the services' own, without a desktop: HEC-RAS hangs there. */
    static final SettingField SESSION_ID = SettingField.whole("session_id",
            "the desktop session HEC-RAS runs in (query session on the machine lists them)").range(1, 65535).defaultsTo(2);
    static final SettingField USERNAME = SettingField.text("username",
            "the Windows account for SMB and PsExec (user, DOMAIN\\user or user@domain); the app server's own when absent");
    static final SettingField CREDENTIAL_ALIAS = SettingField.text("credential_alias",
            "the alias of the account's password in the server's credential store; with username");
    static final SettingField RAS_EXE_PATH = SettingField.text("ras_exe_path",
            "Ras.exe on that machine; absent when found by ras_version");
    static final SettingField PSEXEC_PATH = SettingField.text("psexec_path", "PsExec on the app server; found on PATH when absent");
    static final SettingField SYSTEM_ACCOUNT = SettingField.flag("system_account", false,
            "ras-commander's; only false is taken (HEC-RAS as SYSTEM has no desktop and hangs)");

    @Override
    public String type() {
        return PsExecSettings.TYPE;
    }

    /** With ras-commander's {@code system_account}, taken only to be refused when true. */
    @Override
    public List<SettingField> fields() {
        return List.of(HOSTNAME, SettingChecks.PORT, SHARE_PATH, SESSION_ID, USERNAME, CREDENTIAL_ALIAS, RAS_EXE_PATH,
                SettingChecks.RAS_VERSION, SettingChecks.RAS_INSTALL_ROOT, PSEXEC_PATH, SYSTEM_ACCOUNT, SettingChecks.CACHE_LIMIT_MB);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        if (json.flag(SYSTEM_ACCOUNT)) {
            throw new WorkerConfigException("system_account", "system_account is refused for worker " + json.worker()
                    + ": HEC-RAS started as SYSTEM has no desktop and hangs without a word; give the session_id of a"
                    + " logged-in user");
        }
        return new PsExecSettings(json.string(HOSTNAME), json.integer(SettingChecks.PORT), json.string(SHARE_PATH),
                json.integer(SESSION_ID), json.string(USERNAME), json.string(CREDENTIAL_ALIAS),
                json.string(RAS_EXE_PATH), json.string(SettingChecks.RAS_VERSION), json.string(SettingChecks.RAS_INSTALL_ROOT),
                json.string(PSEXEC_PATH), json.integer(SettingChecks.CACHE_LIMIT_MB));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new PsExecWorker(spec);
    }
}
