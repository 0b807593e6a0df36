package io.rasfleet.worker.psexec;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSettings;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/**
 * A Windows machine: files through its SMB share, HEC-RAS started by PsExec in a desktop session.
 *
 * @param hostname        the machine
 * @param port            its SMB port, 445 when absent
 * @param sharePath       its share, {@code \\host\Share} (never a mapped drive)
 * @param sessionId       the desktop session PsExec starts HEC-RAS in ({@code -i}); never 0, the services' session
 * @param username        the Windows account for SMB and PsExec; the app server's own when absent
 * @param credentialAlias the alias of that account's password in the server's credential store
 * @param rasExePath      Ras.exe on the machine; absent when found by version
 * @param rasVersion      the version looked for in the install folders; absent: each plan's own
 * @param rasInstallRoot  where version folders are looked for; HEC's two usual folders when absent
 * @param psexecPath      PsExec on the app server; looked for in the usual places when absent
 * @param cacheLimitMb    what the share's cache of project files may hold, in MiB; the default when absent
 */
public record PsExecSettings(String hostname, Integer port, String sharePath, Integer sessionId, String username,
        String credentialAlias, String rasExePath, String rasVersion, String rasInstallRoot, String psexecPath,
        Integer cacheLimitMb) implements WorkerSettings {

    public static final String TYPE = "psexec";

    /** Settings with the default cache limit. */
    public PsExecSettings(String hostname, Integer port, String sharePath, Integer sessionId, String username,
            String credentialAlias, String rasExePath, String rasVersion, String rasInstallRoot, String psexecPath) {
        this(hostname, port, sharePath, sessionId, username, credentialAlias, rasExePath, rasVersion, rasInstallRoot, psexecPath,
                null);
    }

    /** The cache limit in bytes. */
    public long cacheLimitBytes() {
        return SettingChecks.cacheLimitBytes(cacheLimitMb);
    }

    private static final Pattern WINDOWS_USER = Pattern.compile("(?:(?:\\.|[A-Za-z0-9][A-Za-z0-9.-]{0,63})\\\\)?[A-Za-z0-9._ -]{1,104}"
            + "|[A-Za-z0-9._-]{1,64}@[A-Za-z0-9.-]{1,190}");
    private static final Pattern WINDOWS_FOLDER = Pattern.compile("[A-Za-z]:\\\\.*");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(String worker) {
        SettingChecks.rasProgram(worker, "ras_exe_path", rasExePath, rasVersion, rasInstallRoot);
        if (rasInstallRoot != null && !WINDOWS_FOLDER.matcher(rasInstallRoot).matches()) {
            throw new WorkerConfigException("ras_install_root", "ras_install_root '" + rasInstallRoot + "' of worker " + worker
                    + " must be a folder on that machine, such as C:\\Program Files (x86)\\HEC\\HEC-RAS");
        }
        SettingChecks.host(worker, hostname, port);
        UncPath unc = UncPath.parse(worker, sharePath);
        if (sessionId == null) {
            throw new WorkerConfigException("session_id", "session_id is required for worker " + worker + ": the"
                    + " desktop session HEC-RAS runs in (query session on the machine lists them)");
        }
        if (sessionId == 0) {
            throw new WorkerConfigException("session_id", "session_id of worker " + worker + " must be a desktop session"
                    + " (1 or more), not 0: session 0 has no desktop and HEC-RAS hangs there");
        }
        PsExecProvider.SESSION_ID.checkRange(worker, sessionId);
        if (username != null && !WINDOWS_USER.matcher(username).matches()) {
            throw new WorkerConfigException("username", "username '" + username + "' of worker " + worker
                    + " is not a Windows account (user, .\\user, DOMAIN\\user or user@domain)");
        }
        if (username != null && credentialAlias == null || username == null && credentialAlias != null) {
            throw new WorkerConfigException("credential_alias", "worker " + worker + " needs username and"
                    + " credential_alias together, or neither (the app server's Windows account)");
        }
        SettingChecks.alias(worker, credentialAlias);
        if (!unc.host().equalsIgnoreCase(hostname)) {
            throw new WorkerConfigException("share_path", "share_path " + unc + " of worker " + worker
                    + " is not on its hostname " + hostname);
        }
        SettingChecks.optionalText(worker, "psexec_path", psexecPath);
        SettingChecks.cacheLimit(worker, cacheLimitMb);
    }

    /** Where HEC-RAS versions are looked for on the machine: {@code ras_install_root}, or where HEC's installers put them. */
    public java.util.List<String> installRoots() {
        return rasInstallRoot != null ? java.util.List.of(rasInstallRoot)
                : java.util.List.of("C:\\Program Files (x86)\\HEC\\HEC-RAS", "C:\\Program Files\\HEC\\HEC-RAS");
    }

    /** The share's local path on that machine, {@code C:\<share name>} by default: PsExec's {@code -w} and Ras.exe's paths. */
    @Override
    public String workerFolder(String worker, String given) {
        String folder = given == null ? UncPath.parse(worker, sharePath).defaultLocalPath() : given;
        SettingChecks.text(worker, "worker_folder", folder);
        if (!WINDOWS_FOLDER.matcher(folder).matches()) {
            throw new WorkerConfigException("worker_folder", "worker_folder '" + folder + "' of worker " + worker
                    + " must be the share's local path on that machine, such as C:\\RasRemote");
        }
        return folder;
    }

    @Override
    public JsonObject fields() {
        return JsonFields.writer().add("hostname", hostname).add("port", port).add("share_path", sharePath)
                .add("session_id", sessionId).add("username", username).add("credential_alias", credentialAlias)
                .add("ras_exe_path", rasExePath).add("ras_version", rasVersion).add("ras_install_root", rasInstallRoot)
                .add("psexec_path", psexecPath).add("cache_limit_mb", cacheLimitMb).build();
    }
}
