package io.rasfleet.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HEC-RAS version as people and files write it, and the install folder that holds it.
 *
 * <p>Modellers write {@code 6.6}, {@code 66}, {@code 6.5}, {@code 6.3.1}, {@code 631} or
 * {@code 6.7 Beta 5}; plan files write {@code Program Version=6.50} (two digits after the point:
 * 6.50 is 6.5, 6.31 is 6.3.1); HEC's installers name folders {@code 6.6}, {@code 6.4.1},
 * {@code 4.1.0}, {@code 6.7 Beta 5}. All of them reduce to the same numbers (trailing zeros past
 * the second dropped) and an optional pre-release word, so one rule matches text to folders
 * instead of a table of known versions that every new release would outdate.
 *
 * @param numbers   major, minor and patch as far as given; never ends in a zero past the second
 * @param qualifier a pre-release word such as {@code Beta 5}, or empty
 */
public record RasVersion(List<Integer> numbers, String qualifier) {

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+){0,3})\\s*([A-Za-z][A-Za-z0-9 ._-]{0,39})?");
    private static final Pattern PLAN_FILE_STYLE = Pattern.compile("(\\d)\\.(\\d)(\\d)");

    public RasVersion {
        numbers = List.copyOf(numbers);
        qualifier = qualifier == null ? "" : qualifier.trim().replaceAll("\\s+", " ");
    }

    /**
     * The version {@code text} names.
     *
     * @throws IllegalArgumentException naming the text when it is no HEC-RAS version
     */
    public static RasVersion parse(String text) {
        return read(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a HEC-RAS version (such as"
                + " 6.6, 66, 6.3.1 or 6.7 Beta 5)"));
    }

    /** The version {@code text} names, or empty (a folder that is no version, a blank plan key). */
    public static Optional<RasVersion> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(1);
        List<Integer> numbers = new ArrayList<>();
        Matcher planStyle = PLAN_FILE_STYLE.matcher(digits);
        if (planStyle.matches()) {
            for (int i = 1; i <= 3; i++) {
                numbers.add(Integer.parseInt(planStyle.group(i)));
            }
        } else if (!digits.contains(".")) {
            if (digits.length() > 4) {
                return Optional.empty();
            }
            // compact form: every digit a part (66 is 6.6, 507 is 5.0.7)
            digits.chars().forEach(c -> numbers.add(c - '0'));
        } else {
            for (String part : digits.split("\\.")) {
                if (part.length() > 4) {
                    return Optional.empty();
                }
                numbers.add(Integer.parseInt(part));
            }
        }
        while (numbers.size() > 2 && numbers.get(numbers.size() - 1) == 0) {
            numbers.remove(numbers.size() - 1);
        }
        if (numbers.size() < 2 && m.group(2) == null && digits.length() < 2) {
            return Optional.empty();
        }
        return Optional.of(new RasVersion(numbers, m.group(2)));
    }

    /**
     * Which of {@code folders} (names of install folders) holds this version: the same version
     * first; for a version without a pre-release word, a pre-release of it next (6.7 finds
     * {@code 6.7 Beta 5} where no 6.7 is installed; the newest such) and then its newest patch
     * (6.4 finds 6.4.1).
     */
    public Optional<String> pick(Collection<String> folders) {
        List<Candidate> candidates = folders.stream()
                .flatMap(name -> read(name).map(v -> new Candidate(name, v)).stream())
                .toList();
        Optional<String> same = candidates.stream().filter(c -> c.version.equals(this)).map(Candidate::name).findFirst();
        if (same.isPresent() || !qualifier.isEmpty()) {
            return same;
        }
        Optional<String> preRelease = candidates.stream()
                .filter(c -> c.version.numbers.equals(numbers))
                .max(Comparator.comparing(c -> c.version, RasVersion::compare)).map(Candidate::name);
        if (preRelease.isPresent() || numbers.size() != 2) {
            return preRelease;
        }
        return candidates.stream()
                .filter(c -> c.version.qualifier.isEmpty() && c.version.numbers.size() > 2
                        && c.version.numbers.subList(0, 2).equals(numbers))
                .max(Comparator.comparing(c -> c.version, RasVersion::compare)).map(Candidate::name);
    }

    private record Candidate(String name, RasVersion version) {
    }

    /** Orders versions: by numbers, a release after its pre-releases, pre-releases by their words' numbers. */
    public static int compare(RasVersion a, RasVersion b) {
        for (int i = 0; i < Math.max(a.numbers.size(), b.numbers.size()); i++) {
            int x = i < a.numbers.size() ? a.numbers.get(i) : 0;
            int y = i < b.numbers.size() ? b.numbers.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        if (a.qualifier.isEmpty() != b.qualifier.isEmpty()) {
            return a.qualifier.isEmpty() ? 1 : -1;
        }
        return naturalOrder(a.qualifier, b.qualifier);
    }

    private static int naturalOrder(String a, String b) {
        Matcher x = Pattern.compile("(\\D*)(\\d*)").matcher(a.toLowerCase(Locale.ROOT));
        Matcher y = Pattern.compile("(\\D*)(\\d*)").matcher(b.toLowerCase(Locale.ROOT));
        while (x.find() && y.find()) {
            if (x.group().isEmpty() && y.group().isEmpty()) {
                return 0;
            }
            int words = x.group(1).compareTo(y.group(1));
            if (words != 0) {
                return words;
            }
            int n = Long.compare(x.group(2).isEmpty() ? -1 : Long.parseLong(x.group(2)),
                    y.group(2).isEmpty() ? -1 : Long.parseLong(y.group(2)));
            if (n != 0) {
                return n;
            }
        }
        return a.compareToIgnoreCase(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RasVersion v && numbers.equals(v.numbers) && qualifier.equalsIgnoreCase(v.qualifier);
    }

    @Override
    public int hashCode() {
        return numbers.hashCode() * 31 + qualifier.toLowerCase(Locale.ROOT).hashCode();
    }

    /** As HEC names its folders: {@code 6.6}, {@code 6.3.1}, {@code 6.7 Beta 5}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int n : numbers) {
            text.append(text.length() == 0 ? "" : ".").append(n);
        }
        return qualifier.isEmpty() ? text.toString() : text + " " + qualifier;
    }
}
