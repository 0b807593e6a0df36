package io.rasfleet.results;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads HEC-RAS compute messages (from a results file or a running plan's
 * {@code .computeMsgs.txt}) for the signs that decide a verdict.
 */
public final class ComputeMessages {

    /** HEC-RAS writes its own errors in capitals ({@code ERROR:}); lower-case "error" is mostly statistics. */
    private static final Pattern ERROR_WORD = Pattern.compile("\\bERROR\\b");
    private static final List<String> FAILURE_PHRASES = List.of(
            "encountered an error", "did not complete", "failed to converge", "computations were stopped", "fatal error");
    /** Volume accounting reports an "error" that is a balance figure, not a failure. */
    private static final List<String> NOT_FAILURES = List.of("volume accounting", "vol accounting");

    private ComputeMessages() {
    }

    /** The first line that says the computation failed, if any. */
    public static Optional<String> firstErrorLine(String text) {
        return lines(text).stream().filter(ComputeMessages::isErrorLine).map(String::strip).findFirst();
    }

    /** Every line that says the computation failed, in order. */
    public static List<String> errorLines(String text) {
        return lines(text).stream().filter(ComputeMessages::isErrorLine).map(String::strip).toList();
    }

    /**
     * The time of {@code task} in the Computations Summary ({@code Complete Process\t       3}), in
     * seconds; HEC-RAS writes whole seconds, or {@code hh:mm:ss} / {@code mm:ss} (its header says so).
     * Null when the summary lacks the task or gives no figure: {@code <1} says only "under a second",
     * and a guessed number would make a speed look precise.
     */
    public static Double summarySeconds(String text, String task) {
        for (String line : lines(text)) {
            String[] cells = line.split("\t");
            if (cells.length == 2 && cells[0].strip().equals(task)) {
                return seconds(cells[1].strip());
            }
        }
        return null;
    }

    private static Double seconds(String figure) {
        if (!figure.matches("\\d+(:\\d{1,2}){0,2}(\\.\\d+)?")) {
            return null;
        }
        double seconds = 0;
        for (String part : figure.split(":")) {
            seconds = seconds * 60 + Double.parseDouble(part);
        }
        return seconds;
    }

    static boolean isErrorLine(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (NOT_FAILURES.stream().anyMatch(lower::contains)) {
            return false;
        }
        return ERROR_WORD.matcher(line).find() || FAILURE_PHRASES.stream().anyMatch(lower::contains);
    }

    /** True when the Computations Summary holds its last task, {@code Complete Process}. */
    public static boolean hasCompleteProcess(String text) {
        return lines(text).stream().anyMatch(line -> line.strip().startsWith("Complete Process"));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\r\n|\r|\n"));
    }
}
