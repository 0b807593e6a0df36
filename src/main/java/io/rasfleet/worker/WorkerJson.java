package io.rasfleet.worker;

import io.rasfleet.engine.ProcessPriority;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker in JSON with the field names of ras-commander's {@code RemoteWorkers.json}, so that its
 * users can bring their file and their habits: the fields every worker has, read here, and its
 * type's own, read by the type's {@link WorkerProvider}. A field the type does not take is refused
 * naming it, whatever it is, rather than silently ignored.
 */
public final class WorkerJson {

    public static final SettingField NAME = SettingField.text("name", "the worker's name: 1 to 64 letters, digits, '.', '_' or '-'")
            .mandatory();
    public static final SettingField WORKER_TYPE = SettingField.text("worker_type", "which kind of machine the worker is").mandatory();
    public static final SettingField ENABLED = SettingField.flag("enabled", true, "false: kept, but handed no plans");
    public static final SettingField CORES_TOTAL = SettingField.whole("cores_total",
            "the cores the worker may use for plans; slots = cores_total / cores_per_plan; absent: one plan's worth"
                    + " (a slurm worker's max_jobs plans' worth)").range(1, null);
    /** ras-commander's default: 4 cores a plan. */
    public static final SettingField CORES_PER_PLAN = SettingField.whole("cores_per_plan", "the cores one plan gets")
            .range(1, null).defaultsTo(4);
    /** ras-commander's own examples use 10 and 11. */
    public static final SettingField QUEUE_PRIORITY = SettingField.whole("queue_priority",
            "workers of a lower queue_priority are filled first").range(0, 99).defaultsTo(0);
    public static final SettingField PROCESS_PRIORITY = SettingField.text("process_priority",
            "the OS priority HEC-RAS runs at; never above normal").oneOf(labels()).defaultsTo(ProcessPriority.DEFAULT.label());
    public static final SettingField WORKER_FOLDER = SettingField.text("worker_folder",
            "where plans run on the worker; the type's default when absent");
    public static final SettingField MAX_RUNTIME_MINUTES = SettingField.whole("max_runtime_minutes",
            "a plan's time limit on this worker; the run's own when absent").range(1, null);
    public static final SettingField AUTOCLEAN = SettingField.flag("autoclean", true, "delete working folders after each plan");

    /** The fields every worker has, in the order answers show them. */
    public static final List<SettingField> COMMON = List.of(NAME, WORKER_TYPE, ENABLED, CORES_TOTAL, CORES_PER_PLAN,
            QUEUE_PRIORITY, PROCESS_PRIORITY, WORKER_FOLDER, MAX_RUNTIME_MINUTES, AUTOCLEAN);

    /** Answers carry it; a body may send it back (an answer put back as it came) and it is ignored. */
    public static final String HEALTHY = "healthy";

    private WorkerJson() {
    }

    /** ras-commander's keys no type takes, each with what to use instead. */
    private static final Map<String, String> REFUSED = Map.of("max_parallel_plans",
            "slots are cores_total / cores_per_plan: set those");

    /** ras-commander's key for a login password: taken into the credential store, never kept here. */
    public static final String PASSWORD = "password";

    /**
     * A worker read from JSON, the keys it had that were ignored (each "key: why"), and the
     * password it gave, if any, still to be put into the credential store under its {@code credential_alias}.
     */
    public record Read(WorkerSpec spec, List<String> ignored, char[] password) {

        /** Puts the password given, if any, into {@code secrets} under the worker's alias (see {@link #alias}), and forgets it. */
        public void keepPassword(Secrets secrets) {
            if (password != null) {
                secrets.keep(alias(spec.name()), password);
            }
        }
    }

    /** The credential store alias of a password given with a worker: made from its name, lower case as Elytron keeps aliases. */
    public static String alias(String name) {
        return "worker-" + ServerName.safe(name).toLowerCase(java.util.Locale.ROOT) + (ServerName.safe(name).equals(name)
                && name.equals(name.toLowerCase(java.util.Locale.ROOT)) ? "" : "-" + ServerName.hash(name));
    }

    /** The spec, validated; a bad or unknown field is refused naming it. */
    public static WorkerSpec parse(JsonObject json) {
        return read(json).spec();
    }

    /** As {@link #parse}, with the ras-commander keys the worker's type ignores, each with why. */
    public static Read read(JsonObject given) {
        String name = JsonFields.of(given).worker();
        WorkerSpec.checkName(name);
        String type = JsonFields.of(given).string("worker_type");
        if (type == null) {
            throw new WorkerConfigException("worker_type", "worker " + name + " needs a worker_type; known: " + Workers.types());
        }
        WorkerProvider provider = Workers.provider(type);
        Map<String, String> refused = new java.util.HashMap<>(REFUSED);
        refused.putAll(provider.refusedKeys());
        for (String key : given.keySet()) {
            if (refused.containsKey(key)) {
                throw new WorkerConfigException(key, key + " of worker " + name + " is refused: " + refused.get(key));
            }
        }
        List<String> ignored = new ArrayList<>();
        jakarta.json.JsonObjectBuilder kept = jakarta.json.Json.createObjectBuilder(given);
        char[] password = null;
        if (given.containsKey(PASSWORD)) {
            password = password(name, provider, JsonFields.of(given));
            kept.remove(PASSWORD).add("credential_alias", alias(name));
        }
        provider.ignoredKeys().forEach((key, why) -> {
            if (given.containsKey(key)) {
                ignored.add(key + ": " + why);
                kept.remove(key);
            }
        });
        return new Read(parse(kept.build(), provider), List.copyOf(ignored), password);
    }

    private static char[] password(String name, WorkerProvider provider, JsonFields fields) {
        if (provider.fields().stream().noneMatch(field -> field.name().equals("credential_alias"))) {
            throw new WorkerConfigException(PASSWORD, "password of worker " + name + " is refused: a " + provider.type()
                    + " worker logs in as the app server's own user");
        }
        if (fields.string("credential_alias") != null) {
            throw new WorkerConfigException(PASSWORD, "worker " + name + " gives both password and credential_alias: give one");
        }
        // checked here, not by JsonFields: its refusals quote the value given
        if (!(fields.json().get(PASSWORD) instanceof jakarta.json.JsonString password) || password.getString().isEmpty()) {
            throw new WorkerConfigException(PASSWORD, "password of worker " + name + " must be a string, not empty");
        }
        return password.getString().toCharArray();
    }

    private static WorkerSpec parse(JsonObject json, WorkerProvider provider) {
        JsonFields fields = JsonFields.of(json);
        String name = fields.worker();
        Set<String> known = known(provider);
        known.add(HEALTHY);
        fields.refuseUnknown(known, true, "worker " + name + ": ", "; a " + provider.type() + " worker takes "
                + String.join(", ", known(provider)) + " (keys starting with _ are comments)");
        WorkerSettings settings = provider.settings(fields);
        Integer givenTotal = fields.integer(CORES_TOTAL);
        int coresPerPlan = fields.integer(CORES_PER_PLAN);
        if (fields.integer(CORES_PER_PLAN.name()) == null && givenTotal != null) {
            // ras-commander gives a machine of fewer cores than its default one slot: one plan on all its cores
            coresPerPlan = Math.min(coresPerPlan, givenTotal);
        }
        // as ras-commander: no cores_total is one plan's worth; a type counting its own slots (a cluster's
        // max_jobs) has no machine whose cores could be a total
        int coresTotal = givenTotal != null ? givenTotal : coresPerPlan * settings.slots().orElse(1);
        ProcessPriority priority;
        try {
            priority = ProcessPriority.parse(fields.string(PROCESS_PRIORITY));
        } catch (IllegalArgumentException e) {
            throw new WorkerConfigException("process_priority", e.getMessage());
        }
        return new WorkerSpec(name, fields.flag(ENABLED), coresTotal, coresPerPlan, fields.integer(QUEUE_PRIORITY), priority,
                fields.string(WORKER_FOLDER), fields.integer(MAX_RUNTIME_MINUTES), fields.flag(AUTOCLEAN), settings);
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
        Set<String> known = new LinkedHashSet<>();
        COMMON.forEach(field -> known.add(field.name()));
        provider.fields().forEach(field -> known.add(field.name()));
        return known;
    }

    private static String[] labels() {
        return java.util.Arrays.stream(ProcessPriority.values()).map(ProcessPriority::label).toArray(String[]::new);
    }
}
