package io.rasfleet.worker.ssh;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.WorkerSettings;
import jakarta.json.JsonObject;

/**
 * A Linux machine with HEC-RAS's Linux engine, reached over SSH.
 *
 * @param hostname         the machine (a name or an IP address, nothing a shell could read)
 * @param port             the SSH port, 22 when absent
 * @param username         the user plans run as
 * @param login            its key or password alias, and the host keys to trust
 * @param rasEnginePath    the folder of HEC-RAS's Linux engine ({@code RasUnsteady}, {@code libs/}); absent
 *                         when the engine is found by version
 * @param rasVersion       the version whose engine folder is looked for under {@code rasInstallRoot}; absent: each plan's own
 * @param rasInstallRoot   where version folders are looked for, {@code /opt/hecras} when absent
 * @param preprocessOnHost plans without compute inputs get them from a Windows-capable worker first
 * @param cacheLimitMb     what the host's cache of project files may hold, in MiB; the default when absent
 */
public record SshSettings(String hostname, Integer port, String username, SshLogin login, String rasEnginePath,
        String rasVersion, String rasInstallRoot, boolean preprocessOnHost, Integer cacheLimitMb) implements WorkerSettings {

    public static final String TYPE = "ssh";

    public SshSettings {
        login = login == null ? SshLogin.NONE : login;
    }

    /** Settings with the default cache limit. */
    public SshSettings(String hostname, Integer port, String username, SshLogin login, String rasEnginePath,
            String rasVersion, String rasInstallRoot, boolean preprocessOnHost) {
        this(hostname, port, username, login, rasEnginePath, rasVersion, rasInstallRoot, preprocessOnHost, null);
    }

    /** The cache limit in bytes. */
    public long cacheLimitBytes() {
        return SettingChecks.cacheLimitBytes(cacheLimitMb);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public int portOrDefault() {
        return port == null ? 22 : port;
    }

    @Override
    public void validate(String worker) {
        SettingChecks.host(worker, hostname, port);
        SshLogin.checkUser(worker, username, "username");
        login.validate(worker);
        SettingChecks.rasProgram(worker, "ras_engine_path", rasEnginePath, rasVersion, rasInstallRoot);
        if (rasEnginePath != null) {
            SettingChecks.absolutePosix(worker, "ras_engine_path", rasEnginePath);
        }
        if (rasInstallRoot != null) {
            SettingChecks.absolutePosix(worker, "ras_install_root", rasInstallRoot);
        }
        SettingChecks.cacheLimit(worker, cacheLimitMb);
    }

    @Override
    public String workerFolder(String worker, String given) {
        return SettingChecks.posixWorkerFolder(worker, given);
    }

    @Override
    public JsonObject fields() {
        JsonFields.Writer out = JsonFields.writer().add("hostname", hostname).add("port", port).add("username", username);
        return login.addTo(out).add("ras_engine_path", rasEnginePath).add("ras_version", rasVersion)
                .add("ras_install_root", rasInstallRoot).add("preprocess_on_host", preprocessOnHost)
                .add("cache_limit_mb", cacheLimitMb).build();
    }
}
