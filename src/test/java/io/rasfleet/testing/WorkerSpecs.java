package io.rasfleet.testing;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.local.LocalSettings;

/**
 * A {@link WorkerSpec} for a test: a name and the type's settings, everything else as a worker's
 * JSON defaults it (enabled, one slot of one core, queue priority 0, normal priority, autoclean)
 * unless the test says otherwise.
 */
public final class WorkerSpecs {

    private final String name;
    private final WorkerSettings settings;
    private boolean enabled = true;
    private int coresTotal = 1;
    private int coresPerPlan = 1;
    private int queuePriority;
    private ProcessPriority priority;
    private String folder;
    private Integer maxRuntimeMinutes;
    private boolean autoclean = true;

    private WorkerSpecs(String name, WorkerSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    public static WorkerSpecs of(String name, WorkerSettings settings) {
        return new WorkerSpecs(name, settings);
    }

    /** A local worker on {@code rasExePath} (a stand-in launcher, or any path for tests that never launch). */
    public static WorkerSpecs local(String name, Object rasExePath) {
        return of(name, new LocalSettings(rasExePath.toString(), null, null, false));
    }

    public WorkerSpecs cores(int total, int perPlan) {
        coresTotal = total;
        coresPerPlan = perPlan;
        return this;
    }

    public WorkerSpecs queuePriority(int value) {
        queuePriority = value;
        return this;
    }

    public WorkerSpecs priority(ProcessPriority value) {
        priority = value;
        return this;
    }

    /** {@code worker_folder}: a path or its text. */
    public WorkerSpecs folder(Object value) {
        folder = value == null ? null : value.toString();
        return this;
    }

    public WorkerSpecs enabled(boolean value) {
        enabled = value;
        return this;
    }

    public WorkerSpecs autoclean(boolean value) {
        autoclean = value;
        return this;
    }

    public WorkerSpecs maxRuntimeMinutes(Integer value) {
        maxRuntimeMinutes = value;
        return this;
    }

    public WorkerSpec build() {
        return new WorkerSpec(name, enabled, coresTotal, coresPerPlan, queuePriority, priority, folder, maxRuntimeMinutes,
                autoclean, settings);
    }
}
