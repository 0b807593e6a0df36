package io.rasfleet.worker.slurm;

import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.ServerName;

/**
 * What a batch job says about itself: its name {@code rasfleet-<server>} (what {@code squeue --name}
 * selects on, so that a server only ever finds its own jobs) and its comment
 * {@code rasfleet <server> run-<id> <attempt folder>} (which run, plan and attempt it is).
 */
public final class SlurmJobName {

    private SlurmJobName() {
    }

    /** The job name shared by all of one server's jobs. */
    public static String of(String server) {
        return "rasfleet-" + ServerName.safe(server);
    }

    /** The comment of one attempt's job. */
    public static String comment(AttemptRef attempt) {
        return "rasfleet " + ServerName.safe(attempt.server()) + " run-" + attempt.runId() + " " + attempt.folderName();
    }
}
