package io.rasfleet.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a plan's row in a run's results table that come from its results file. Each is
 * null when the file lacks it; a part that is there but cannot be read is null too and is named in
 * {@code unreadable}, so a damaged file never passes for a trimmed one.
 *
 * @param hasErrors       whether a compute message says the computation failed (volume-accounting lines are
 *                        balance figures, not failures: {@link ComputeMessages}); null without compute messages
 * @param errorCount      how many compute message lines say so
 * @param firstErrorLine  the first of them
 * @param volErrorPercent {@code Error Percent} of the unsteady summary's {@code Volume Accounting}
 */
public record ResultColumns(Boolean hasErrors, Integer errorCount, String firstErrorLine, RunTimes runTimes,
                            Double volErrorPercent, List<String> unreadable) {

    private static final RunTimes NO_TIMES = new RunTimes(null, null, null, null, null);

    public ResultColumns {
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
    }

    /** No results file: every column empty. */
    public static ResultColumns none() {
        return new ResultColumns(null, null, null, NO_TIMES, null, List.of());
    }

    /** The columns of {@code hdf}; a file that cannot be opened gives empty columns and says why. */
    public static ResultColumns read(Path hdf) {
        try (ResultFile file = ResultFile.open(hdf)) {
            return of(file.summary());
        } catch (ResultFileException e) {
            return new ResultColumns(null, null, null, NO_TIMES, null, List.of(e.getMessage()));
        }
    }

    public static ResultColumns of(ResultSummary summary) {
        String messages = summary.computeMessages();
        List<String> errors = messages == null ? null : ComputeMessages.errorLines(messages);
        List<String> unreadable = new ArrayList<>(summary.unreadable());
        Double volume = summary.volumeErrorPercent();
        if (volume != null && !Double.isFinite(volume)) {
            unreadable.add("Volume Accounting Error Percent in " + summary.planFile() + " is not a number (" + volume + ")");
            volume = null;
        }
        return new ResultColumns(
                errors == null ? null : !errors.isEmpty(),
                errors == null ? null : errors.size(),
                errors == null || errors.isEmpty() ? null : errors.get(0),
                RunTimes.of(summary),
                volume,
                unreadable);
    }
}
