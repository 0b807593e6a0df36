package io.rasfleet.project;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan number 01..99. Users write {@code 1}, {@code 01}, {@code p01} or {@code P01}; all mean
 * plan 01 and all parse to the same id.
 */
public record PlanId(int number) implements Comparable<PlanId> {

    private static final Pattern FORM = Pattern.compile("[pP]?(\\d{1,2})");

    public PlanId {
        if (number < 1 || number > 99) {
            throw new ProjectException("plan number " + number + " is out of range: plans are numbered 01 to 99");
        }
    }

    /** Parses a user's plan id; the message of a refusal says what a plan id looks like. */
    public static PlanId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ProjectException("a plan id is required: write 1, 01 or p01 (plans are numbered 01 to 99)");
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0) {
            throw new ProjectException("'" + text + "' is not a plan id: write 1, 01 or p01 (plans are numbered 01 to 99)");
        }
        return new PlanId(Integer.parseInt(m.group(1)));
    }

    /** Two digits, as in file names: {@code 01}. */
    public String digits() {
        return String.format(Locale.ROOT, "%02d", number);
    }

    /** The plan's file extension without the dot: {@code p01}. */
    public String extension() {
        return "p" + digits();
    }

    @Override
    public int compareTo(PlanId other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return digits();
    }
}
