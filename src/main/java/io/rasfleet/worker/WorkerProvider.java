package io.rasfleet.worker;

import java.util.List;

/**
 * One worker type: its name, the fields it takes, its settings and its workers. Each type's
 * package has one, listed in {@code META-INF/services/io.rasfleet.worker.WorkerProvider};
 * {@link Workers} finds them there.
 */
public interface WorkerProvider {

    /** The {@code worker_type} value, such as {@code ssh}. */
    String type();

    /** The fields this type takes beyond {@link WorkerJson#COMMON}, in the order answers show them. */
    List<SettingField> fields();

    /** The settings from a worker's JSON; reads only {@link #fields()}, through those declarations. */
    WorkerSettings settings(JsonFields json);

    Worker worker(WorkerSpec spec);

    /** ras-commander's keys this type takes and ignores, each with why: an import lists them. */
    default java.util.Map<String, String> ignoredKeys() {
        return java.util.Map.of();
    }

    /** ras-commander's keys asking for what this type cannot do, each with what to use instead. */
    default java.util.Map<String, String> refusedKeys() {
        return java.util.Map.of();
    }
}
