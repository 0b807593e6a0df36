package io.rasfleet.worker;

import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.Verdict;
import io.rasfleet.results.VerdictState;
import io.rasfleet.transfer.HomeDelivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place where an attempt is judged and its results brought home: what a worker fetched
 * ({@link FetchedAttempt}) becomes an {@link AttemptOutcome}. The verdict is always ours, never an
 * exit code alone, and a result is only taken when it was written by this attempt.
 */
public final class PlanVerification {

    /** Unix shells report death by signal as 128 + the signal: the process was killed from outside. */
    private static final int SIGNAL_EXIT = 128;
    private static final int NOT_FOUND = 127;
    private static final int NOT_EXECUTABLE = 126;

    private PlanVerification() {
    }

    /**
     * Judges the attempt and, when it succeeded, brings its result and compute messages into the
     * project folder atomically. A result that cannot be brought home is a machine-side failure.
     */
    public static AttemptOutcome settle(FetchedAttempt fetched, ProjectSnapshot snapshot) {
        return settle(fetched, snapshot, HomeDelivery.Guard.NONE);
    }

    /**
     * As {@link #settle(FetchedAttempt, ProjectSnapshot)}, each rename into the project only while
     * {@code owner} says the attempt is still the caller's (its owner token holds), so that a plan's
     * result is delivered once, by its one owner. A refused delivery leaves the project as it was.
     */
    public static AttemptOutcome settle(FetchedAttempt fetched, ProjectSnapshot snapshot, HomeDelivery.Guard owner) {
        return settle(fetched, snapshot, owner, new GeometryHome());
    }

    /**
     * As {@link #settle(FetchedAttempt, ProjectSnapshot, HomeDelivery.Guard)}, the geometry
     * preprocessor's outputs the attempt made brought home first by {@code geometry} (the run's),
     * so that the plan's result is newer than the geometry it was computed from; the outcome's
     * reason says what came home of them, or why not.
     */
    public static AttemptOutcome settle(FetchedAttempt fetched, ProjectSnapshot snapshot, HomeDelivery.Guard owner,
            GeometryHome geometry) {
        PlanTask task = fetched.task();
        AttemptOutcome outcome = judge(fetched, snapshot);
        if (!outcome.succeeded()) {
            return outcome;
        }
        Path home = snapshot.folder();
        String reason = outcome.reason();
        try {
            Optional<String> note = geometry.bringHome(fetched, snapshot, owner);
            if (note.isPresent()) {
                reason = reason + "; " + note.get();
            }
            HomeDelivery.deliver(fetched.resultFile(), home.resolve(task.projectName() + "." + task.plan().id().extension() + ".hdf"),
                    owner);
            if (Files.isRegularFile(fetched.messagesFile())) {
                HomeDelivery.deliver(fetched.messagesFile(), home.resolve(task.projectName() + "."
                        + task.plan().id().extension() + ".computeMsgs.txt"), owner);
            }
        } catch (IOException e) {
            return with(outcome, AttemptOutcome.Kind.MACHINE_FAILED, "the result could not be brought home into " + home + ": "
                    + e.getMessage(), false);
        }
        return with(outcome, AttemptOutcome.Kind.SUCCEEDED, reason, true);
    }

    /** The verdict alone; nothing is moved. */
    static AttemptOutcome judge(FetchedAttempt fetched, ProjectSnapshot snapshot) {
        ProcessEnd end = fetched.end();
        String messages = withOutput(readText(fetched.messagesFile()), fetched.output());
        switch (end.how()) {
            case FAILED_TO_START:
                return outcome(fetched, AttemptOutcome.Kind.MACHINE_FAILED, null, end.reason(), messages);
            case STOPPED:
                return outcome(fetched, AttemptOutcome.Kind.STOPPED, null, end.reason(), messages);
            case TIMED_OUT:
                return outcome(fetched, AttemptOutcome.Kind.TIMED_OUT, VerdictState.INCOMPLETE.name(), end.reason(), messages);
            default:
                break;
        }
        if (end.exitCode() != null && end.exitCode() > SIGNAL_EXIT) {
            return outcome(fetched, AttemptOutcome.Kind.MACHINE_FAILED, null, "HEC-RAS was killed (exit code " + end.exitCode()
                    + ", signal " + (end.exitCode() - SIGNAL_EXIT) + ")", messages);
        }
        if (end.exitCode() != null && (end.exitCode() == NOT_FOUND || end.exitCode() == NOT_EXECUTABLE)
                && !Files.isRegularFile(fetched.messagesFile())) {
            // the shell's (and nice's) own codes, before HEC-RAS ran: the worker's setup is at fault, another may run the plan
            return outcome(fetched, AttemptOutcome.Kind.MACHINE_FAILED, null, "a program of the launch was "
                    + (end.exitCode() == NOT_FOUND ? "not found" : "found but could not be executed") + " on " + fetched.host()
                    + " (exit code " + end.exitCode() + "); HEC-RAS did not start: check the worker's engine path and, for a"
                    + " priority below normal, that nice is installed", messages);
        }
        Optional<String> unchanged = unchangedInput(fetched, snapshot);
        if (unchanged.isPresent()) {
            return outcome(fetched, AttemptOutcome.Kind.MODEL_FAILED, VerdictState.INCOMPLETE.name(), unchanged.get(), messages);
        }
        Verdict verdict = PlanVerdicts.judge(fetched.resultFile(),
                new RunEvidence(end.exitCode(), false, fetched.launchedAt(), fetched.resultWrittenAt()));
        AttemptOutcome.Kind kind = verdict.succeeded() ? AttemptOutcome.Kind.SUCCEEDED : AttemptOutcome.Kind.MODEL_FAILED;
        return outcome(fetched, kind, verdict.state().name(), verdict.reason(), messages);
    }

    /**
     * The Linux engine computes into an input it was given ({@code .pNN.tmp.hdf}): if what came back
     * is that input byte for byte, the program wrote nothing, whatever the file's times say.
     */
    private static Optional<String> unchangedInput(FetchedAttempt fetched, ProjectSnapshot snapshot) {
        String source = fetched.resultSource();
        if (source == null || !Files.isRegularFile(fetched.resultFile())) {
            return Optional.empty();
        }
        try {
            String given = null;
            Path made = fetched.task().computeInputs().get(source);
            if (made != null && Files.isRegularFile(made)) {
                given = ProjectSnapshot.sha256(made);
            } else {
                given = snapshot.entries().stream().filter(e -> e.path().equals(source)).map(ProjectSnapshot.Entry::sha256)
                        .findFirst().orElse(null);
            }
            if (given != null && given.equals(ProjectSnapshot.sha256(fetched.resultFile()))) {
                return Optional.of(source + " came back exactly as it was sent: HEC-RAS wrote no results into it");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the fetched " + source + ": " + e.getMessage());
        }
    }

    private static AttemptOutcome outcome(FetchedAttempt fetched, AttemptOutcome.Kind kind, String verdict, String reason,
            String messages) {
        ProcessEnd end = fetched.end();
        return new AttemptOutcome(kind, verdict, reason, fetched.host(), end.exitCode(), end.duration(), false, messages);
    }

    private static AttemptOutcome with(AttemptOutcome o, AttemptOutcome.Kind kind, String reason, boolean home) {
        return new AttemptOutcome(kind, o.verdict(), reason, o.host(), o.exitCode(), o.duration(), home, o.messages());
    }

    /** The compute messages, then what the program (or its launcher) printed, kept with the attempt. */
    static String withOutput(String messages, String output) {
        if (output == null || output.isBlank()) {
            return messages;
        }
        return (messages == null ? "" : messages + "\n") + output.strip();
    }

    /** A text file HEC-RAS or a tool wrote, as ISO-8859-1; null when it is not there or cannot be read. */
    public static String readText(Path file) {
        try {
            return file != null && Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
