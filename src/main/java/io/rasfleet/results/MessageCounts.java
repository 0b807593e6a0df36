package io.rasfleet.results;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What ras-commander's results table says of a plan's compute messages
 * ({@code ResultsParser.parse_compute_messages}): whether the computation completed, and its error
 * and warning lines, counted by the same patterns so that a filter written for ras-commander's
 * table selects the same plans here. These are ras-commander's words, not our verdict
 * ({@link ComputeMessages} and {@link PlanVerdicts} judge a plan; they can differ, and the table
 * shows both).
 *
 * @param completed      a line that is exactly a {@code Complete Process} record (with an optional time or speed)
 * @param firstErrorLine the first error line, stripped and cut to 200 characters; null when none
 */
public record MessageCounts(boolean completed, boolean hasErrors, boolean hasWarnings, int errorCount, int warningCount,
                            String firstErrorLine) {

    static final int FIRST_ERROR_LENGTH = 200;

    private static final MessageCounts NONE = new MessageCounts(false, false, false, 0, 0, null);

    private static final Pattern COMPLETE_PROCESS = Pattern.compile(
            "^Complete Process(?:\\s+(?:(?:\\d+\\s*:\\s*)+\\d+|\\d+(?:\\.\\d+)?(?:[xX]|(?i:\\s*sec(?:ond)?s?))?))?\\s*$");

    /** Vendor lines with error-like words that are warnings; matched against the whole line. */
    private static final List<Pattern> CLASSIFIED_WARNINGS = caseless(
            "^The generated edge lines have self intersections,\\s*the interpolation surface may not generate correctly"
                    + " because of this\\.\\s*See the points in the error layer\\.$");

    private static final List<Pattern> ERRORS = caseless(
            "\\berror\\s*:", "\\berror\\s*-", "computation\\s+failed", "run\\s+failed", "failed\\s+to", "unable\\s+to",
            "cannot\\s+", "fatal\\s+error", "exception\\s*:", "aborted", "terminated\\s+abnormally", "\\bwriter\\s+failed\\b",
            "exit\\s+code\\s*=\\s*-?\\d+", "\\berror\\b");

    /** Figures and table headers that hold the word error without reporting one. */
    private static final List<Pattern> NOT_ERRORS = caseless(
            "volume\\s+accounting\\s+error", "wsel\\s+error", "error\\s+\\(ft\\)", "maximum.*error", "rs\\s+wsel\\s+error",
            "\\bpercent\\s+error\\b", "\\berror\\s+percent\\s+error\\b", "\\bcell\\s+error\\b",
            "\\berror\\s+node\\s+or\\s+conduit\\b", "iterations", "\\b0\\s+errors?\\b", "\\berrors?\\s*[:=]\\s*0\\b");

    private static final Pattern WARNINGS = Pattern.compile(
            "warning|caution|notice|exceeded|unstable|convergence|may not generate correctly",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The counts of {@code messages}; no messages (null or empty) count as nothing, not completed. */
    public static MessageCounts of(String messages) {
        if (messages == null || messages.isEmpty()) {
            return NONE;
        }
        boolean completed = messages.lines().anyMatch(line -> COMPLETE_PROCESS.matcher(line).matches());
        int errors = 0;
        int warnings = 0;
        String firstError = null;
        for (String line : messages.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (CLASSIFIED_WARNINGS.stream().anyMatch(p -> p.matcher(stripped).matches())) {
                warnings++;
            } else if (isError(stripped)) {
                errors++;
                if (firstError == null) {
                    firstError = firstCodePoints(stripped, FIRST_ERROR_LENGTH);
                }
            } else if (WARNINGS.matcher(stripped).find()) {
                warnings++;
            }
        }
        return new MessageCounts(completed, errors > 0, warnings > 0, errors, warnings, firstError);
    }

    private static boolean isError(String line) {
        return ERRORS.stream().anyMatch(p -> p.matcher(line).find()) && NOT_ERRORS.stream().noneMatch(p -> p.matcher(line).find());
    }

    private static String firstCodePoints(String text, int count) {
        return text.codePointCount(0, text.length()) <= count ? text : text.substring(0, text.offsetByCodePoints(0, count));
    }

    private static List<Pattern> caseless(String... patterns) {
        return java.util.Arrays.stream(patterns).map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
    }
}
