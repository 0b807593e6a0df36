package io.rasfleet.results;

import java.util.List;

/**
 * The figures of a results file that a user looks at first. A field the file lacks is null (or an
 * empty list): real files are often trimmed or partial. A field that is there but could not be read
 * is null too, and {@code unreadable} says which and why.
 *
 * @param solution        {@code Solution} of the unsteady or steady summary, e.g. "Unsteady Finished Successfully"
 * @param computeMessages the compute messages with {@code \n} line ends
 * @param unreadable      the parts of the file that are there but could not be read, each naming the part and the reason
 */
public record ResultSummary(
        String planName,
        String planTitle,
        String planShortId,
        String planFile,
        String fileType,
        String programVersion,
        String solution,
        String runTimeWindow,
        String simulationStart,
        String simulationEnd,
        String computationTime,
        Double maximumWselError,
        Integer maximumCores,
        String timeSolutionWentUnstable,
        Double volumeErrorPercent,
        List<ComputeProcess> computeProcesses,
        String computeMessages,
        List<String> unreadable) {

    public ResultSummary {
        computeProcesses = computeProcesses == null ? List.of() : List.copyOf(computeProcesses);
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }
}
