package io.rasfleet.results;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run times ras-commander reads from the Computations Summary of the compute messages when a
 * results file has no structured ones ({@code ResultsParser.parse_compute_messages_runtime}): its
 * fallback, read by its rules so that both tables agree.
 *
 * @param completeProcessSeconds  {@code Complete Process} of the task table; {@code <1} counts as half a second
 * @param unsteadyComputeSeconds  {@code Unsteady Flow Computations} of the task table
 * @param completeProcessSpeed    {@code Complete Process} of the speed table ({@code 646x})
 * @param volErrorPercent         {@code Overall Volume Accounting Error as percentage:}
 */
public record MessageRuntimes(Double completeProcessSeconds, Double unsteadyComputeSeconds, Double completeProcessSpeed,
                              Double volErrorPercent) {

    private static final Pattern TASK_TIME = Pattern.compile(
            "^([A-Za-z,\\s]+?)\\t\\s*(<?[\\d:.]+)(?:\\s*sec(?:ond)?s?)?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEED = Pattern.compile("^([A-Za-z\\s]+?)\\t\\s*([\\d.]+)x?\\s*$");
    private static final Pattern VOLUME_ERROR = Pattern.compile(
            "Overall Volume Accounting Error as percentage:\\s*([\\d.]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TASK_HEADER = Pattern.compile("Task\\s+Time", Pattern.CASE_INSENSITIVE);
    /** HEC-RAS versions name the tasks differently; only these two are columns of the table. */
    private static final Map<String, String> TASKS = Map.of(
            "Complete Process", "complete", "Unsteady Flow Computations", "unsteady");

    public static MessageRuntimes of(String messages) {
        Double complete = null;
        Double unsteady = null;
        Double speed = null;
        Double volume = null;
        if (messages == null || messages.isEmpty()) {
            return new MessageRuntimes(null, null, null, null);
        }
        boolean inTasks = false;
        boolean inSpeeds = false;
        for (String line : messages.split("\n", -1)) {
            String stripped = line.strip();
            Matcher vol = VOLUME_ERROR.matcher(stripped);
            if (vol.find()) {
                Double parsed = decimal(vol.group(1));
                volume = parsed == null ? volume : parsed;
            }
            if ((line.contains("Computation Task") && line.contains("Time")) || TASK_HEADER.matcher(stripped).matches()) {
                inTasks = true;
                inSpeeds = false;
                continue;
            }
            if (line.contains("Computation Speed") && line.contains("Simulation")) {
                inTasks = false;
                inSpeeds = true;
                continue;
            }
            if (stripped.isEmpty() || stripped.startsWith("Computations Summary")) {
                continue;
            }
            if (inTasks) {
                Matcher task = TASK_TIME.matcher(stripped);
                if (task.matches()) {
                    String key = TASKS.get(task.group(1).strip());
                    Double seconds = seconds(task.group(2).strip());
                    if ("complete".equals(key) && seconds != null) {
                        complete = seconds;
                    } else if ("unsteady".equals(key) && seconds != null) {
                        unsteady = seconds;
                    }
                }
            }
            if (inSpeeds) {
                Matcher task = SPEED.matcher(stripped);
                Double value = task.matches() ? decimal(task.group(2).strip()) : null;
                if (value != null && task.group(1).strip().contains("Complete Process")) {
                    speed = value;
                }
            }
        }
        return new MessageRuntimes(complete, unsteady, speed, volume);
    }

    /** {@code <1}, {@code 27}, {@code 6:24} or {@code 1:23:45} in seconds; null for anything else. */
    static Double seconds(String time) {
        if (time.equals("<1")) {
            return 0.5;
        }
        String[] parts = time.split(":", -1);
        try {
            return switch (parts.length) {
                case 1 -> decimal(parts[0]);
                case 2 -> (double) (Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]));
                case 3 -> (double) (Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Integer.parseInt(parts[2]));
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decimal as Python's float() reads the digits and dots these patterns allow; null when it is not one ("1.2.3"). */
    private static Double decimal(String text) {
        if (!text.matches("\\d+\\.?\\d*|\\.\\d+")) {
            return null;
        }
        return Double.parseDouble(text);
    }
}
