package io.rasfleet.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first flow hydrograph of an unsteady flow file: the inflow that drives the stand-in's water surfaces. */
record SimHydrograph(Duration interval, List<Double> flows) {

    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s*(SEC|MIN|HOUR|DAY|WEEK)", Pattern.CASE_INSENSITIVE);
    private static final SimHydrograph FLAT = new SimHydrograph(Duration.ofHours(1), List.of(1000.0));

    static SimHydrograph parse(List<String> lines) {
        Duration interval = Duration.ofHours(1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Interval=")) {
                interval = interval(line.substring("Interval=".length()));
            } else if (line.startsWith("Flow Hydrograph=")) {
                int count = Integer.parseInt(line.substring("Flow Hydrograph=".length()).strip());
                List<Double> flows = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && flows.size() < count; j++) {
                    for (String field : FixedWidth.fields(lines.get(j))) {
                        flows.add(Double.parseDouble(field));
                    }
                }
                return flows.isEmpty() ? FLAT : new SimHydrograph(interval, flows);
            }
        }
        return FLAT;
    }

    static Duration interval(String text) {
        Matcher m = INTERVAL.matcher(text.strip());
        if (!m.find()) {
            return Duration.ofHours(1);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "SEC" -> Duration.ofSeconds(n);
            case "MIN" -> Duration.ofMinutes(n);
            case "DAY" -> Duration.ofDays(n);
            case "WEEK" -> Duration.ofDays(7 * n);
            default -> Duration.ofHours(n);
        };
    }

    /** Flow at a time after the start, interpolated; the last value holds after the hydrograph ends. */
    double flowAt(Duration sinceStart) {
        double steps = (double) sinceStart.toMillis() / Math.max(1, interval.toMillis());
        int low = (int) Math.floor(steps);
        if (low >= flows.size() - 1) {
            return flows.get(flows.size() - 1);
        }
        double fraction = steps - low;
        return flows.get(low) * (1 - fraction) + flows.get(low + 1) * fraction;
    }
}
