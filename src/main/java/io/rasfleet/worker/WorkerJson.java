package io.rasfleet.worker;

import io.rasfleet.engine.ProcessPriority;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker in JSON with the field names of ras-commander's {@code RemoteWorkers.json}, so that its
 * users can bring their file and their habits: the fields every worker has, read here, and its
 * type's own, read by the type's {@link WorkerProvider}. A field the type does not take is refused
 * naming it, whatever it is, rather than silently ignored.
 */
public final class WorkerJson {

    /** The fields every worker has, in the order answers show them. */
    public static final List<String> COMMON = List.of("name", "worker_type", "enabled", "cores_total", "cores_per_plan",
            "queue_priority", "process_priority", "worker_folder", "max_runtime_minutes", "autoclean");

    /** Answers carry it; a body may send it back (an answer put back as it came) and it is ignored. */
    public static final String HEALTHY = "healthy";

    private WorkerJson() {
    }

    /** The spec, validated; a bad or unknown field is refused naming it. */
    public static WorkerSpec parse(JsonObject json) {
        JsonFields fields = JsonFields.of(json);
        String name = fields.worker();
        WorkerSpec.checkName(name);
        String type = fields.string("worker_type");
        if (type == null) {
            throw new WorkerConfigException("worker_type", "worker " + name + " needs a worker_type; known: " + Workers.types());
        }
        WorkerProvider provider = Workers.provider(type);
        refuseUnknown(name, provider, json);
        WorkerSettings settings = provider.settings(fields);
        Integer coresPerPlan = fields.integer("cores_per_plan");
        // a type counting its own slots (a cluster's max_jobs) has no machine whose cores could be a total
        int coresTotal = settings.slots().isPresent() && fields.integer("cores_total") == null
                ? settings.slots().getAsInt() * (coresPerPlan == null ? 1 : coresPerPlan) : required(fields, "cores_total");
        Integer queuePriority = fields.integer("queue_priority");
        ProcessPriority priority;
        try {
            priority = ProcessPriority.parse(fields.string("process_priority"));
        } catch (IllegalArgumentException e) {
            throw new WorkerConfigException("process_priority", e.getMessage());
        }
        return new WorkerSpec(name, fields.flag("enabled", true), coresTotal, coresPerPlan == null ? 1 : coresPerPlan,
                queuePriority == null ? 0 : queuePriority, priority, fields.string("worker_folder"),
                fields.integer("max_runtime_minutes"), fields.flag("autoclean", true), settings);
    }

    /** The spec as answers show it: the common fields, then the type's own; absent ones left out. */
    public static JsonObject write(WorkerSpec spec) {
        return JsonFields.writer()
                .add("name", spec.name())
                .add("worker_type", spec.type())
                .add("enabled", spec.enabled())
                .add("cores_total", spec.coresTotal())
                .add("cores_per_plan", spec.coresPerPlan())
                .add("queue_priority", spec.queuePriority())
                .add("process_priority", spec.processPriority().label())
                .add("worker_folder", spec.workerFolder())
                .add("max_runtime_minutes", spec.maxRuntimeMinutes())
                .add("autoclean", spec.autoclean())
                .addAll(spec.settings().fields())
                .build();
    }

    /** Every field a worker of the provider's type takes, common ones first. */
    public static Set<String> known(WorkerProvider provider) {
        Set<String> known = new LinkedHashSet<>(COMMON);
        known.addAll(provider.fields());
        return known;
    }

    private static void refuseUnknown(String name, WorkerProvider provider, JsonObject json) {
        Set<String> known = known(provider);
        List<String> unknown = new ArrayList<>();
        for (String field : json.keySet()) {
            if (!known.contains(field) && !field.equals(HEALTHY)) {
                unknown.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw new WorkerConfigException(unknown.get(0), "worker " + name + ": unknown field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; a " + provider.type() + " worker takes " + String.join(", ", known));
        }
    }

    private static int required(JsonFields fields, String field) {
        Integer value = fields.integer(field);
        if (value == null) {
            throw new WorkerConfigException(field, field + " is required for worker " + fields.worker());
        }
        return value;
    }
}
