package io.rasfleet.worker;

import io.rasfleet.engine.ProcessPriority;
import java.util.regex.Pattern;

/**
 * A worker's configuration, validated when it is made: a bad value is refused with a
 * {@link WorkerConfigException} naming the field as ras-commander's {@code RemoteWorkers.json}
 * spells it. Nothing secret lives here; credentials are referred to by an alias.
 *
 * @param workerFolder      where plans run on the worker
 * @param rasExePath        the program that computes a plan, Windows style ({@code Ras.exe -c}); for the
 *                          demo, the stand-in's {@code Ras} launcher
 * @param maxRuntimeMinutes a plan's time limit on this worker, null for the run's own
 * @param autoclean         delete working folders after each plan (default true)
 * @param remote            the SSH and Docker settings; {@link RemoteSettings#NONE} for a local worker
 */
public record WorkerSpec(
        String name,
        WorkerType type,
        boolean enabled,
        int coresTotal,
        int coresPerPlan,
        int queuePriority,
        ProcessPriority processPriority,
        String workerFolder,
        String rasExePath,
        Integer maxRuntimeMinutes,
        boolean autoclean,
        RemoteSettings remote) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public WorkerSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WorkerConfigException("name", "worker name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'"
                    + " and start with a letter or digit");
        }
        if (type == null) {
            throw new WorkerConfigException("worker_type", "worker " + name + " needs a worker_type; known: " + WorkerType.known());
        }
        if (coresTotal < 1) {
            throw new WorkerConfigException("cores_total", "cores_total of worker " + name + " must be at least 1, not " + coresTotal);
        }
        if (coresPerPlan < 1) {
            throw new WorkerConfigException("cores_per_plan", "cores_per_plan of worker " + name + " must be at least 1, not "
                    + coresPerPlan);
        }
        if (coresPerPlan > coresTotal) {
            throw new WorkerConfigException("cores_per_plan", "cores_per_plan (" + coresPerPlan + ") of worker " + name
                    + " is above its cores_total (" + coresTotal + ")");
        }
        if (queuePriority < 0 || queuePriority > 9) {
            throw new WorkerConfigException("queue_priority", "queue_priority of worker " + name + " must be 0 to 9 (lower fills"
                    + " first), not " + queuePriority);
        }
        processPriority = processPriority == null ? ProcessPriority.NORMAL : processPriority;
        if (maxRuntimeMinutes != null && maxRuntimeMinutes < 1) {
            throw new WorkerConfigException("max_runtime_minutes", "max_runtime_minutes of worker " + name
                    + " must be at least 1, not " + maxRuntimeMinutes);
        }
        // a local worker keeps no remote settings, whatever a ras-commander file carried along
        remote = remote == null || type == WorkerType.LOCAL ? RemoteSettings.NONE : remote;
        switch (type) {
            case LOCAL -> {
                require(name, "worker_folder", workerFolder);
                require(name, "ras_exe_path", rasExePath);
            }
            case SSH -> require(name, "worker_folder", workerFolder);
            case PSEXEC -> {
                require(name, "ras_exe_path", rasExePath);
                if (workerFolder == null || workerFolder.isBlank()) {
                    workerFolder = io.rasfleet.worker.psexec.UncPath.parse(name, remote.sharePath()).defaultLocalPath();
                }
                require(name, "worker_folder", workerFolder);
                if (!workerFolder.matches("[A-Za-z]:\\\\.*")) {
                    throw new WorkerConfigException("worker_folder", "worker_folder '" + workerFolder + "' of worker " + name
                            + " must be the share's local path on that machine, such as C:\\RasRemote");
                }
            }
            case DOCKER -> workerFolder = workerFolder == null || workerFolder.isBlank() ? "/rasfleet" : workerFolder;
        }
        if (type == WorkerType.SSH || type == WorkerType.DOCKER) {
            require(name, "worker_folder", workerFolder);
            if (!workerFolder.startsWith("/") || workerFolder.equals("/")) {
                throw new WorkerConfigException("worker_folder", "worker_folder '" + workerFolder + "' of worker " + name
                        + " must be an absolute path below / on the Linux machine");
            }
        }
        remote.validate(name, type);
    }

    static void require(String name, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WorkerConfigException(field, field + " is required for worker " + name);
        }
        if (value.indexOf('\0') >= 0 || value.contains("\n") || value.contains("\r")) {
            throw new WorkerConfigException(field, field + " of worker " + name + " contains a control character");
        }
    }

    public WorkerSpec withEnabled(boolean value) {
        return new WorkerSpec(name, type, value, coresTotal, coresPerPlan, queuePriority, processPriority, workerFolder,
                rasExePath, maxRuntimeMinutes, autoclean, remote);
    }

    public WorkerSpec withAutoclean(boolean value) {
        return new WorkerSpec(name, type, enabled, coresTotal, coresPerPlan, queuePriority, processPriority, workerFolder,
                rasExePath, maxRuntimeMinutes, value, remote);
    }

    /** An attempt's time limit on this worker: the run's, or {@code max_runtime_minutes} when that is lower. */
    public java.time.Duration attemptLimit(java.time.Duration runLimit) {
        if (maxRuntimeMinutes == null) {
            return runLimit;
        }
        java.time.Duration own = java.time.Duration.ofMinutes(maxRuntimeMinutes);
        return own.compareTo(runLimit) < 0 ? own : runLimit;
    }

    /** A Linux engine worker whose missing compute inputs are made by a Windows-capable worker first. */
    public boolean preprocessOnHost() {
        return remote.preprocessOnHost();
    }

    /** A worker that only preprocesses for Linux engine workers and is never handed plans. */
    public boolean preprocessOnly() {
        return false;
    }

    /** How many plans the worker runs at once. */
    public int slots() {
        return coresTotal / coresPerPlan;
    }
}
