package io.rasfleet.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a plan succeeded, following "When has a plan succeeded?" in HEC-RAS.md: no single
 * sign is enough. The process must have ended in time with exit 0, the results file must be this
 * run's, its solution must say it finished successfully (or, without one, the messages must reach
 * {@code Complete Process}), and no message may report an error.
 */
public final class PlanVerdicts {

    private PlanVerdicts() {
    }

    public static Verdict judge(Path resultFile, RunEvidence evidence) {
        if (evidence.timedOut()) {
            return Verdict.incomplete("the run did not finish within its time limit and was ended");
        }
        String name = resultFile.getFileName().toString();
        if (!Files.isRegularFile(resultFile)) {
            return evidence.exitCode() != null && evidence.exitCode() != 0
                    ? Verdict.failed("HEC-RAS exited with code " + evidence.exitCode() + " and wrote no " + name)
                    : Verdict.incomplete("no results file " + name + " was written");
        }
        Optional<Verdict> stale = staleness(resultFile, evidence.launchedAt(), evidence.writtenAt());
        if (stale.isPresent()) {
            return stale.get();
        }
        if (evidence.exitCode() != null && evidence.exitCode() != 0) {
            return Verdict.failed("HEC-RAS exited with code " + evidence.exitCode());
        }
        try (ResultFile file = ResultFile.open(resultFile)) {
            return judge(file);
        } catch (ResultFileException e) {
            return Verdict.incomplete(e.getMessage());
        }
    }

    /**
     * The verdict of an open file's contents alone. A part it needs that is there but cannot be read
     * makes it INCOMPLETE naming the part and why: only an absent {@code Solution} lets the compute
     * messages decide.
     */
    public static Verdict judge(ResultFile file) {
        try {
            return judgeReadable(file);
        } catch (UnreadablePartException e) {
            return Verdict.incomplete(e.getMessage());
        }
    }

    private static Verdict judgeReadable(ResultFile file) {
        String name = file.path().getFileName().toString();
        if (!file.hasResults()) {
            return Verdict.incomplete(name + " has no /Results: the computation did not write its results");
        }
        String solution = file.solution();
        String messages = file.computeMessages();
        Optional<String> error = ComputeMessages.firstErrorLine(messages);
        if (solution != null && !solution.contains("Finished Successfully")) {
            return Verdict.failed("solution: " + solution + error.map(e -> "; " + e).orElse(""));
        }
        if (error.isPresent()) {
            return Verdict.failed("the compute messages report an error: " + error.get());
        }
        if (solution != null) {
            return Verdict.succeeded(solution);
        }
        if (ComputeMessages.hasCompleteProcess(messages)) {
            return Verdict.succeeded("no Solution recorded; the compute messages reach Complete Process without errors");
        }
        return Verdict.incomplete(name + " has neither a Solution nor a Complete Process in its compute messages");
    }

    private static Optional<Verdict> staleness(Path file, Instant launchedAt, Instant writtenAt) {
        if (launchedAt == null) {
            return Optional.empty();
        }
        try {
            // a remote worker's times are both its own: a fetched copy's time here says nothing
            Instant written = writtenAt != null ? writtenAt : Files.getLastModifiedTime(file).toInstant();
            // File systems keep coarse times (FAT: 2 s); a file written in the same second is this run's.
            if (written.plusSeconds(2).isBefore(launchedAt)) {
                return Optional.of(Verdict.incomplete(file.getFileName() + " is stale: written at " + written
                        + ", before this run started at " + launchedAt));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Verdict.incomplete("cannot read the time of " + file.getFileName() + ": " + e.getMessage()));
        }
    }
}
