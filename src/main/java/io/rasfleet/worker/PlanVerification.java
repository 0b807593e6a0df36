package io.rasfleet.worker;

import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.Verdict;
import io.rasfleet.results.VerdictState;
import io.rasfleet.transfer.HomeDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Turns how a plan's process ended and what it left in its staged folder into an
 * {@link AttemptOutcome}, and brings a successful result home. Every worker type ends here once
 * its files are on this machine, so that the verdict is always ours, never an exit code alone.
 */
public final class PlanVerification {

    /** Unix shells report death by signal as 128 + the signal: the process was killed from outside. */
    private static final int SIGNAL_EXIT = 128;

    private final String host;
    private final StagedPlan staged;
    private final Path projectFolder;
    private final Instant launched = Instant.now();

    public PlanVerification(String host, StagedPlan staged, Path projectFolder) {
        this.host = host;
        this.staged = staged;
        this.projectFolder = projectFolder;
    }

    public AttemptOutcome outcome(ProcessEnd end, PlanId plan) {
        String p = plan.extension();
        Path result = staged.file(p + ".hdf");
        Path messagesFile = staged.file(p + ".computeMsgs.txt");
        String messages = readText(messagesFile);
        switch (end.how()) {
            case FAILED_TO_START:
                return outcome(AttemptOutcome.Kind.MACHINE_FAILED, null, end.reason(), end, false, messages);
            case STOPPED:
                return outcome(AttemptOutcome.Kind.STOPPED, null, end.reason(), end, false, messages);
            case TIMED_OUT:
                return outcome(AttemptOutcome.Kind.TIMED_OUT, VerdictState.INCOMPLETE.name(), end.reason(), end, false, messages);
            default:
                break;
        }
        if (end.exitCode() != null && end.exitCode() > SIGNAL_EXIT) {
            return outcome(AttemptOutcome.Kind.MACHINE_FAILED, null, "HEC-RAS was killed (exit code " + end.exitCode()
                    + ", signal " + (end.exitCode() - SIGNAL_EXIT) + ")", end, false, messages);
        }
        Verdict verdict = PlanVerdicts.judge(result, new RunEvidence(end.exitCode(), false, launched));
        if (!verdict.succeeded()) {
            return outcome(AttemptOutcome.Kind.MODEL_FAILED, verdict.state().name(), verdict.reason(), end, false, messages);
        }
        try {
            String name = staged.file(p + ".hdf").getFileName().toString();
            HomeDelivery.deliver(result, projectFolder.resolve(name));
            if (Files.isRegularFile(messagesFile)) {
                HomeDelivery.deliver(messagesFile, projectFolder.resolve(messagesFile.getFileName().toString()));
            }
        } catch (IOException e) {
            return outcome(AttemptOutcome.Kind.MACHINE_FAILED, verdict.state().name(),
                    "the result could not be brought home into " + projectFolder + ": " + e.getMessage(), end, false, messages);
        }
        return outcome(AttemptOutcome.Kind.SUCCEEDED, verdict.state().name(), verdict.reason(), end, true, messages);
    }

    private AttemptOutcome outcome(AttemptOutcome.Kind kind, String verdict, String reason, ProcessEnd end, boolean home,
            String messages) {
        return new AttemptOutcome(kind, verdict, reason, host, end.exitCode(), end.duration(), home, messages);
    }

    /** A text file HEC-RAS or a tool wrote, as ISO-8859-1; null when it is not there or cannot be read. */
    public static String readText(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
