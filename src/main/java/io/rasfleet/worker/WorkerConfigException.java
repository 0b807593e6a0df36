package io.rasfleet.worker;

/** A worker setting that cannot be used; {@link #field()} is its configuration name, such as {@code cores_per_plan}. */
public class WorkerConfigException extends IllegalArgumentException {

    private final String field;

    public WorkerConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
