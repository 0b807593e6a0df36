package io.rasfleet.engine;

import java.util.Locale;
import java.util.Map;

/**
 * How much CPU a plan may take from the machine's owner. Never more than normal: a HEC-RAS run at
 * high priority makes a shared desktop unusable.
 */
public enum ProcessPriority {
    LOW(19, "Idle"), BELOW_NORMAL(10, "BelowNormal"), NORMAL(0, "Normal");

    private static final Map<String, ProcessPriority> SPELLINGS = Map.ofEntries(
            Map.entry("low", LOW), Map.entry("idle", LOW), Map.entry("-low", LOW),
            Map.entry("below normal", BELOW_NORMAL), Map.entry("below_normal", BELOW_NORMAL),
            Map.entry("belownormal", BELOW_NORMAL), Map.entry("-belownormal", BELOW_NORMAL),
            Map.entry("below-normal", BELOW_NORMAL), Map.entry("normal", NORMAL));

    /** What a worker that names no priority gets: ras-commander's default, so a shared desktop stays usable. */
    public static final ProcessPriority DEFAULT = LOW;

    private final int niceness;
    private final String windowsClass;

    ProcessPriority(int niceness, String windowsClass) {
        this.niceness = niceness;
        this.windowsClass = windowsClass;
    }

    /** A configured priority; blank means {@link #DEFAULT}; anything above normal is refused. */
    public static ProcessPriority parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        ProcessPriority priority = SPELLINGS.get(text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        if (priority == null) {
            throw new IllegalArgumentException("process_priority '" + text + "' is not allowed: use low, below normal"
                    + " or normal (HEC-RAS never runs above normal priority)");
        }
        return priority;
    }

    /** The {@code nice} increment on Linux and other Unix systems. */
    public int niceness() {
        return niceness;
    }

    /** The Windows priority class name, as PowerShell's {@code PriorityClass} takes it. */
    public String windowsClass() {
        return windowsClass;
    }

    /** The word for configuration files and the API: low, below normal, normal. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
