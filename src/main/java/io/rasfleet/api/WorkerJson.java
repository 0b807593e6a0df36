package io.rasfleet.api;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerType;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A worker in JSON, with the field names of ras-commander's {@code RemoteWorkers.json}, so that its
 * users can bring their file ({@code RASFLEET_WORKERS}) and their habits.
 */
@JsonbPropertyOrder({"name", "worker_type", "enabled", "cores_total", "cores_per_plan", "queue_priority",
        "process_priority", "worker_folder", "ras_exe_path", "max_runtime_minutes", "autoclean"})
public class WorkerJson {
    public String name;
    @JsonbProperty("worker_type")
    public String workerType;
    public Boolean enabled;
    @JsonbProperty("cores_total")
    public Integer coresTotal;
    @JsonbProperty("cores_per_plan")
    public Integer coresPerPlan;
    @JsonbProperty("queue_priority")
    public Integer queuePriority;
    @JsonbProperty("process_priority")
    public String processPriority;
    @JsonbProperty("worker_folder")
    public String workerFolder;
    @JsonbProperty("ras_exe_path")
    public String rasExePath;
    @JsonbProperty("max_runtime_minutes")
    public Integer maxRuntimeMinutes;
    public Boolean autoclean;

    public static WorkerJson of(WorkerSpec spec) {
        WorkerJson json = new WorkerJson();
        json.name = spec.name();
        json.workerType = spec.type().configName();
        json.enabled = spec.enabled();
        json.coresTotal = spec.coresTotal();
        json.coresPerPlan = spec.coresPerPlan();
        json.queuePriority = spec.queuePriority();
        json.processPriority = spec.processPriority().label();
        json.workerFolder = spec.workerFolder();
        json.rasExePath = spec.rasExePath();
        json.maxRuntimeMinutes = spec.maxRuntimeMinutes();
        json.autoclean = spec.autoclean();
        return json;
    }

    /** The spec, validated; a bad value is refused naming its field. */
    public WorkerSpec toSpec() {
        ProcessPriority priority;
        try {
            priority = ProcessPriority.parse(processPriority);
        } catch (IllegalArgumentException e) {
            throw new WorkerConfigException("process_priority", e.getMessage());
        }
        int total = required("cores_total", coresTotal);
        return new WorkerSpec(name, WorkerType.parse(workerType), enabled == null || enabled, total,
                coresPerPlan == null ? 1 : coresPerPlan, queuePriority == null ? 0 : queuePriority, priority,
                workerFolder, rasExePath, maxRuntimeMinutes, autoclean == null || autoclean);
    }

    private int required(String field, Integer value) {
        if (value == null) {
            throw new WorkerConfigException(field, field + " is required for worker " + name);
        }
        return value;
    }
}
