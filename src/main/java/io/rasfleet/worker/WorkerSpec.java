package io.rasfleet.worker;

import io.rasfleet.engine.ProcessPriority;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A worker's configuration: what every worker has, and its type's own {@link WorkerSettings}.
 * Validated when it is made: a bad value is refused with a {@link WorkerConfigException} naming
 * the field as ras-commander's {@code RemoteWorkers.json} spells it. Nothing secret lives here;
 * credentials are referred to by an alias.
 *
 * @param workerFolder      where plans run on the worker (the type's default when none is given)
 * @param maxRuntimeMinutes a plan's time limit on this worker, null for the run's own
 * @param autoclean         delete working folders after each plan (default true)
 * @param settings          the type's own settings; they say the {@link #type()}
 */
public record WorkerSpec(
        String name,
        boolean enabled,
        int coresTotal,
        int coresPerPlan,
        int queuePriority,
        ProcessPriority processPriority,
        String workerFolder,
        Integer maxRuntimeMinutes,
        boolean autoclean,
        WorkerSettings settings) {

    /** As ras-commander names workers ({@code Local Compute}, {@code Remote Docker 6.7 (SSH)}): no slash, no edge spaces. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9 ._()-]{0,62}[A-Za-z0-9._()-])?");

    public WorkerSpec {
        checkName(name);
        if (settings == null) {
            throw new WorkerConfigException("worker_type", "worker " + name + " needs a worker_type; known: " + Workers.types());
        }
        settings.validate(name);
        WorkerJson.CORES_TOTAL.checkRange(name, coresTotal);
        WorkerJson.CORES_PER_PLAN.checkRange(name, coresPerPlan);
        if (coresPerPlan > coresTotal) {
            throw new WorkerConfigException("cores_per_plan", "cores_per_plan (" + coresPerPlan + ") of worker " + name
                    + " is above its cores_total (" + coresTotal + ")");
        }
        WorkerJson.QUEUE_PRIORITY.checkRange(name, queuePriority);
        processPriority = processPriority == null ? ProcessPriority.DEFAULT : processPriority;
        WorkerJson.MAX_RUNTIME_MINUTES.checkRange(name, maxRuntimeMinutes);
        workerFolder = settings.workerFolder(name, workerFolder == null || workerFolder.isBlank() ? null : workerFolder);
    }

    /** Refuses a worker name that could not be a path segment or log word; what is left on workers uses {@link #tag()}. */
    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new WorkerConfigException("name", "worker name '" + name + "' must be 1 to 64 letters, digits, spaces, '.', '_',"
                    + " '-', '(' or ')', starting with a letter or digit and not ending with a space");
        }
        if (ROUTES.contains(name)) {
            throw new WorkerConfigException("name", "worker name '" + name + "' is taken by the API (/api/workers/" + name
                    + " answers something else): choose another, for example '" + name + "-1'");
        }
    }

    /** Paths under {@code /api/workers} that are not workers: a worker so named could never be read, replaced or removed. */
    private static final java.util.Set<String> ROUTES = java.util.Set.of("events", "types", "import");

    /**
     * The name as a word for what the worker keeps (volume, folder and job names): the name itself
     * when it is one, else its safe characters and a short hash of the whole ({@code Local-Compute-1f2e3d4c}),
     * so two names differing only in spaces or brackets never share a volume.
     */
    public String tag() {
        return ServerName.safe(name);
    }

    /** The {@code worker_type}: {@code local}, {@code ssh}, {@code docker}, {@code psexec}, or another registered one. */
    public String type() {
        return settings.type();
    }

    /** The settings as the type's own record, for the type's own classes. */
    public <S extends WorkerSettings> S settings(Class<S> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("worker " + name + " (" + type() + ") has no " + type.getSimpleName());
        }
        return type.cast(settings);
    }

    /** True for a Linux engine worker whose plans get missing compute inputs from a Windows-capable worker first. */
    public boolean preprocessOnHost() {
        return settings.preprocessOnHost();
    }

    /** True for a worker that only makes those compute inputs and is never handed plans. */
    public boolean preprocessOnly() {
        return settings.preprocessOnly();
    }

    public WorkerSpec withEnabled(boolean value) {
        return new WorkerSpec(name, value, coresTotal, coresPerPlan, queuePriority, processPriority, workerFolder,
                maxRuntimeMinutes, autoclean, settings);
    }

    public WorkerSpec withAutoclean(boolean value) {
        return new WorkerSpec(name, enabled, coresTotal, coresPerPlan, queuePriority, processPriority, workerFolder,
                maxRuntimeMinutes, value, settings);
    }

    /** An attempt's time limit on this worker: the run's, or {@code max_runtime_minutes} when that is lower. */
    public Duration attemptLimit(Duration runLimit) {
        if (maxRuntimeMinutes == null) {
            return runLimit;
        }
        Duration own = Duration.ofMinutes(maxRuntimeMinutes);
        return own.compareTo(runLimit) < 0 ? own : runLimit;
    }

    /** How many plans the worker runs at once: its type's own count, or its cores over the cores of a plan. */
    public int slots() {
        return settings.slots().orElse(coresTotal / coresPerPlan);
    }
}
