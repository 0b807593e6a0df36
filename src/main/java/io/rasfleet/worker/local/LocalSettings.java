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
 *                       demo, the stand-in's {@code Ras} launcher
 * @param preprocessOnly the worker only makes the Linux engine's compute inputs for workers with
 *                       {@code preprocess_on_host} and is never handed plans
 */
public record LocalSettings(String rasExePath, boolean preprocessOnly) implements WorkerSettings {

    public static final String TYPE = "local";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(String worker) {
        SettingChecks.text(worker, "ras_exe_path", rasExePath);
    }

    @Override
    public String workerFolder(String worker, String given) {
        SettingChecks.text(worker, "worker_folder", given);
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
        return JsonFields.writer().add("ras_exe_path", rasExePath).add("preprocess_only", preprocessOnly).build();
    }
}
