package io.rasfleet.worker;

import jakarta.json.JsonObject;

/**
 * What one worker type needs beyond {@link WorkerSpec}'s common fields: a record in the type's own
 * package, read by its {@link WorkerProvider}. Nothing secret lives here; a password is named by a
 * credential store alias.
 */
public interface WorkerSettings {

    /** The {@code worker_type} these settings belong to. */
    String type();

    /** Refuses a bad value with a {@link WorkerConfigException} naming its field. */
    void validate(String worker);

    /**
     * The folder plans run in on this type of worker: {@code given}, or the type's default when it
     * is absent; refused when it cannot be one (a relative path, a path for another system).
     */
    String workerFolder(String worker, String given);

    /** This type's own fields as ras-commander spells them, absent ones left out: what answers show and storage keeps. */
    JsonObject fields();

    /** Plans without the Linux engine's compute inputs get them from a Windows-capable worker of the run first. */
    default boolean preprocessOnHost() {
        return false;
    }

    /** The worker only makes compute inputs for {@link #preprocessOnHost()} workers and is never handed plans. */
    default boolean preprocessOnly() {
        return false;
    }

    /**
     * How many plans the worker runs at once, for a type whose slots are not cores of one machine (a
     * cluster's queue); empty for the others, whose slots are {@code cores_total / cores_per_plan}.
     */
    default java.util.OptionalInt slots() {
        return java.util.OptionalInt.empty();
    }
}
