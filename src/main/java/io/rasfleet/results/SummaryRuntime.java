package io.rasfleet.results;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run time columns of ras-commander's results table, by its rules ({@code HdfResultsPlan.get_runtime_data},
 * then {@code ResultsSummary.summarize_plan}'s fallback), so that both tables give the same figures
 * for the same file. {@link RunTimes} is ours, for estimates; this one is ras-commander's.
 *
 * <p>From the results file ({@value #HDF}) when its plan information holds a simulation window
 * that reads as {@code ddMMMyyyy HH:mm:ss} and it has a {@code Compute Processes} table: the
 * complete process is the sum of every row's {@code Compute Time (ms)}, in hours (summed as numpy
 * sums, so the last digit agrees too). Otherwise ({@value #MESSAGES}) from the Computations Summary
 * of the compute messages, when it has a {@code Complete Process} time; the window is then left out.
 *
 * @param source {@value #HDF}, {@value #MESSAGES}, or null when neither gave a complete process time
 */
public record SummaryRuntime(String simulationStart, String simulationEnd, Double simulationHours,
                             Double completeProcessHours, Double unsteadyComputeHours, Double completeProcessSpeed,
                             String source) {

    public static final String HDF = "hdf";
    public static final String MESSAGES = "compute_messages";

    static final SummaryRuntime NONE = new SummaryRuntime(null, null, null, null, null, null, null);

    private static final double MS_PER_HOUR = 1000.0 * 3600;
    private static final String UNSTEADY = "Unsteady Flow Computations";
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})([A-Za-z]{3})(\\d{4}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2})");
    /** numpy adds up to this many values in eight running sums before it splits an array in halves. */
    private static final int PAIRWISE_BLOCK = 128;

    /** ras-commander's {@code get_runtime_data}; null where it answers None. */
    static SummaryRuntime fromFile(String start, String end, List<ComputeProcess> processes) {
        LocalDateTime from = time(start);
        LocalDateTime to = time(end);
        if (from == null || to == null || processes.isEmpty() || processes.stream().anyMatch(p -> p.computeMillis() == null)) {
            return null;
        }
        double simulation = Duration.between(from, to).toSeconds() / 3600.0;
        double[] hours = processes.stream().mapToDouble(p -> p.computeMillis() / MS_PER_HOUR).toArray();
        double total = 0.0 + pairwiseSum(hours, 0, hours.length);
        Double unsteady = processes.stream().filter(p -> UNSTEADY.equals(p.process())).findFirst()
                .map(p -> p.computeMillis() / MS_PER_HOUR).orElse(null);
        return new SummaryRuntime(start, end, simulation, total, unsteady, simulation / total, HDF);
    }

    /** The fallback: the compute messages' Computations Summary; the source only when it gave the complete process. */
    static SummaryRuntime fromMessages(MessageRuntimes times) {
        return new SummaryRuntime(null, null, null,
                times.completeProcessSeconds() == null ? null : times.completeProcessSeconds() / 3600.0,
                times.unsteadyComputeSeconds() == null ? null : times.unsteadyComputeSeconds() / 3600.0,
                times.completeProcessSpeed(),
                times.completeProcessSeconds() == null ? null : MESSAGES);
    }

    /** As Python's {@code strptime(text, "%d%b%Y %H:%M:%S")}: null for what it refuses (24:00:00, "Unknown"). */
    static LocalDateTime time(String text) {
        Matcher m = text == null ? null : TIME.matcher(text.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        Month month = null;
        for (Month candidate : Month.values()) {
            if (candidate.name().substring(0, 3).equalsIgnoreCase(m.group(2))) {
                month = candidate;
            }
        }
        try {
            return month == null ? null : LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** numpy's {@code pairwise_sum} for doubles: sequential under 8 values, eight running sums up to 128, halves above. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = -0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
