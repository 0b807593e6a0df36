package io.rasfleet.worker.local;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSettings;
import jakarta.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A worker on the app server's own machine.
 *
 * @param rasExePath     the program that computes a plan, Windows style ({@code Ras.exe -c}); for the
 *                       demo, the stand-in's {@code Ras} launcher; absent when HEC-RAS is found by version
 * @param rasVersion     the HEC-RAS version to find under the install folders; absent: each plan's own
 * @param rasInstallRoot where version folders are looked for; HEC's usual folders when absent
 * @param preprocessOnly the worker only makes the Linux engine's compute inputs for workers with
 *                       {@code preprocess_on_host} and is never handed plans
 */
public record LocalSettings(String rasExePath, String rasVersion, String rasInstallRoot, boolean preprocessOnly) implements WorkerSettings {

    public static final String TYPE = "local";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(String worker) {
        SettingChecks.rasProgram(worker, "ras_exe_path", rasExePath, rasVersion, rasInstallRoot);
        if (rasInstallRoot != null && !absolute(rasInstallRoot)) {
            throw new WorkerConfigException("ras_install_root", "ras_install_root '" + rasInstallRoot + "' of worker " + worker
                    + " must be an absolute path on the app server");
        }
    }

    /** Where HEC-RAS versions are looked for: {@code ras_install_root}, or where HEC's installers put them on this machine. */
    public java.util.List<String> installRoots() {
        if (rasInstallRoot != null) {
            return java.util.List.of(rasInstallRoot);
        }
        return System.getProperty("os.name", "").startsWith("Windows")
                ? java.util.List.of("C:\\Program Files (x86)\\HEC\\HEC-RAS", "C:\\Program Files\\HEC\\HEC-RAS")
                : java.util.List.of("/opt/hecras");
    }

    @Override
    public String workerFolder(String worker, String given) {
        SettingChecks.text(worker, "worker_folder", given);
        if (given.matches("[A-Za-z]:\\\\.*") && !absolute(given)) {
            throw new WorkerConfigException("worker_folder", "worker_folder '" + given + "' of worker " + worker
                    + " is a Windows folder, and this app server runs on " + System.getProperty("os.name")
                    + ": give a folder on this machine, such as /srv/rasremote");
        }
        if (!absolute(given)) {
            throw new WorkerConfigException("worker_folder", "worker_folder '" + given + "' of worker " + worker
                    + " must be an absolute path on the app server");
        }
        return given;
    }

    private static boolean absolute(String folder) {
        try {
            return Path.of(folder).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public JsonObject fields() {
        return JsonFields.writer().add("ras_exe_path", rasExePath).add("ras_version", rasVersion)
                .add("ras_install_root", rasInstallRoot).add("preprocess_only", preprocessOnly).build();
    }
}
