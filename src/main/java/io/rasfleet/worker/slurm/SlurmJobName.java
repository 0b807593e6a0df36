package io.rasfleet.worker.slurm;

import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.ServerName;

/**
 * What a batch job says about itself: its name {@code rasfleet-<install>-<server>} (what
 * {@code squeue --me --name} selects on, so that a server only ever finds its own jobs, never those
 * of another installation whose server has the same name under the same account) and its comment
 * {@code rasfleet <server> run-<id> <attempt folder>} (which run, plan and attempt it is: a later
 * server finds an attempt's job by it).
 */
public final class SlurmJobName {

    private SlurmJobName() {
    }

    /** The job name shared by all of one server's jobs, in this installation ({@link io.rasfleet.worker.Installation}). */
    public static String of(String server) {
        return of(io.rasfleet.worker.Installation.id(), server);
    }

    /** The job name shared by all of one server's jobs in installation {@code install}. */
    static String of(String install, String server) {
        return "rasfleet-" + install + "-" + ServerName.safe(server);
    }

    /** The comment of one attempt's job. */
    public static String comment(AttemptRef attempt) {
        return "rasfleet " + ServerName.safe(attempt.server()) + " run-" + attempt.runId() + " " + attempt.folderName();
    }

    /** The attempt a job's {@link #comment} names; empty for another job (a scratch removal's comment names no attempt). */
    static java.util.Optional<AttemptRef> attempt(String comment) {
        String[] words = comment.split(" ");
        return words.length == 4 && words[0].equals("rasfleet") ? AttemptRef.under(words[1], words[2] + "/" + words[3])
                .filter(attempt -> !attempt.isWholeRun()) : java.util.Optional.empty();
    }
}
