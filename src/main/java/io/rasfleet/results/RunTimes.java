package io.rasfleet.results;

import io.rasfleet.project.SimulationWindow;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.DateTimeException;
import java.util.List;

/**
 * How long a plan simulated and how long HEC-RAS took, in hours, as ras-commander's results table
 * compares plans. Each value is null when the file does not tell.
 *
 * @param simulationHours        the simulation window: {@code Simulation End Time} minus {@code Simulation Start Time}
 *                               of the plan information (steady plans have none)
 * @param completeProcessHours   the whole computation: the {@code Complete Process} row of {@code Compute Processes}
 *                               when there is one, else the sum of its rows' {@code Compute Time (ms)} (HEC-RAS 6.5
 *                               lists the steps of the process, Ras.exe's own time included, without a total row);
 *                               without that table, {@code Complete Process} of the compute messages' Computations Summary
 * @param unsteadyComputeHours   the {@code Unsteady Flow Computations} step, from the same source (steady plans have none)
 * @param completeProcessSpeed   simulated hours per hour of the whole computation
 * @param source                 where the compute times came from: {@value #PROCESSES} or {@value #MESSAGES}; null
 *                               when neither gave one
 */
public record RunTimes(Double simulationHours, Double completeProcessHours, Double unsteadyComputeHours,
                       Double completeProcessSpeed, String source) {

    public static final String PROCESSES = "Compute Processes";
    public static final String MESSAGES = "compute messages";
    static final String COMPLETE = "Complete Process";
    static final String UNSTEADY = "Unsteady Flow Computations";

    private static final double MS_PER_HOUR = 3_600_000.0;

    public static RunTimes of(ResultSummary summary) {
        Double simulation = simulationHours(summary.simulationStart(), summary.simulationEnd());
        Double complete;
        Double unsteady;
        String source;
        List<ComputeProcess> processes = summary.computeProcesses();
        if (processes.stream().anyMatch(p -> p.computeMillis() != null)) {
            complete = processes.stream().filter(p -> COMPLETE.equals(p.process())).findFirst()
                    .map(p -> hoursOfMillis(p.computeMillis()))
                    .orElseGet(() -> processes.stream().filter(p -> p.computeMillis() != null)
                            .mapToDouble(ComputeProcess::computeMillis).sum() / MS_PER_HOUR);
            unsteady = processes.stream().filter(p -> UNSTEADY.equals(p.process())).findFirst()
                    .map(p -> hoursOfMillis(p.computeMillis())).orElse(null);
            source = PROCESSES;
        } else {
            complete = hoursOfSeconds(ComputeMessages.summarySeconds(summary.computeMessages(), COMPLETE));
            unsteady = hoursOfSeconds(ComputeMessages.summarySeconds(summary.computeMessages(), UNSTEADY));
            source = complete == null && unsteady == null ? null : MESSAGES;
        }
        Double speed = simulation != null && complete != null && complete > 0 ? simulation / complete : null;
        return new RunTimes(simulation, complete, unsteady, speed, source);
    }

    /** Null when either end is missing or is not a HEC-RAS time: a table of many plans shows the gap rather than failing. */
    static Double simulationHours(String start, String end) {
        LocalDateTime from = time(start);
        LocalDateTime to = time(end);
        return from == null || to == null ? null : Duration.between(from, to).toSeconds() / 3600.0;
    }

    private static LocalDateTime time(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        try {
            return SimulationWindow.dateTime(parts[0], parts[1]);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Double hoursOfMillis(Integer millis) {
        return millis == null ? null : millis / MS_PER_HOUR;
    }

    private static Double hoursOfSeconds(Double seconds) {
        return seconds == null ? null : seconds / 3600.0;
    }
}
