package io.rasfleet.worker.slurm;

import io.rasfleet.worker.WorkerConfigException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extra {@code sbatch} options a Slurm worker's admin may add ({@code sbatch_options}): each one
 * word of the form {@code --name} or {@code --name=value}, nothing a shell reads as more than a
 * word, and never an option the worker sets itself from its own settings (those would silently
 * override, or be overridden by, the settings that the check and the slots rely on). {@code --export}
 * is the admin's to give: it replaces the worker's {@code --export=NONE}.
 */
public final class SbatchOptions {

    /** Options rasfleet writes itself: long names, and the short letters that mean the same. */
    static final Set<String> OURS = Set.of("partition", "account", "qos", "cpus-per-task", "mem", "time", "job-name",
            "comment", "chdir", "output", "error", "parsable", "wrap", "test-only", "array", "dependency", "signal",
            "hold", "wait", "ntasks", "nodes", "requeue", "no-requeue");
    private static final Set<Character> OURS_SHORT = Set.of('p', 'A', 'q', 'c', 't', 'J', 'D', 'o', 'e', 'a', 'd', 'H',
            'W', 'n', 'N');

    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z0-9-]*)(=[A-Za-z0-9_.,:@%+/=-]+)?");

    private SbatchOptions() {
    }

    /** Refuses the first bad option naming it and why; null or empty is no extra option. */
    public static List<String> validate(String worker, List<String> options) {
        if (options == null) {
            return List.of();
        }
        for (String option : options) {
            String where = "sbatch_options of worker " + worker + ": ";
            if (option == null || option.isBlank()) {
                throw new WorkerConfigException("sbatch_options", where + "an option is empty");
            }
            if (option.startsWith("-") && !option.startsWith("--") && option.length() > 1
                    && OURS_SHORT.contains(option.charAt(1))) {
                throw new WorkerConfigException("sbatch_options", where + "'" + option
                        + "' is set by the worker itself from its settings");
            }
            var m = OPTION.matcher(option);
            if (!m.matches()) {
                throw new WorkerConfigException("sbatch_options", where + "'" + option + "' is not one option of the form"
                        + " --name or --name=value (letters, digits and _.,:@%+/=- only; no spaces, quotes or shell words)");
            }
            if (OURS.contains(m.group(1))) {
                throw new WorkerConfigException("sbatch_options", where + "'--" + m.group(1)
                        + "' is set by the worker itself from its settings");
            }
        }
        return List.copyOf(options);
    }

    /**
     * {@code arguments} with {@code nodes} left out of the job's choice: one {@code --exclude} that
     * joins them to the nodes an admin's own {@code --exclude} in {@code sbatch_options} names.
     */
    static List<String> excluding(List<String> arguments, java.util.Set<String> nodes) {
        if (nodes.isEmpty()) {
            return arguments;
        }
        java.util.Set<String> excluded = new java.util.TreeSet<>(nodes);
        List<String> kept = new java.util.ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("--exclude=")) {
                excluded.addAll(List.of(argument.substring("--exclude=".length()).split(",")));
            } else {
                kept.add(argument);
            }
        }
        kept.add("--exclude=" + String.join(",", excluded));
        return kept;
    }
}
