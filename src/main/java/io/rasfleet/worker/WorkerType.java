package io.rasfleet.worker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of worker this build can drive, by their ras-commander {@code worker_type} names.
 */
public enum WorkerType {
    LOCAL("local"),
    /** HEC-RAS's Linux engine on a machine reached over SSH. */
    SSH("ssh"),
    /** HEC-RAS's Linux engine in a container of a Docker engine, local or remote. */
    DOCKER("docker"),
    /** A Windows machine: files through its SMB share, HEC-RAS started by PsExec in a desktop session. */
    PSEXEC("psexec");

    private final String configName;

    WorkerType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static WorkerType parse(String text) {
        for (WorkerType type : values()) {
            if (type.configName.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return type;
            }
        }
        throw new WorkerConfigException("worker_type", "unknown worker_type '" + text + "'; known: " + known());
    }

    static String known() {
        return Arrays.stream(values()).map(WorkerType::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName.toLowerCase(Locale.ROOT);
    }
}
