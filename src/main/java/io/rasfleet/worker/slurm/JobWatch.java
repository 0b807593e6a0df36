package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One {@code squeue} listing of a server's jobs shared by every plan of a session, read at most
 * once a second: a hundred plans waiting on a cluster ask its controller once, not a hundred times.
 */
final class JobWatch {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final SlurmQueue queue;
    private List<SlurmJobState> jobs = List.of();
    private Instant listedAt = Instant.EPOCH;

    JobWatch(SlurmQueue queue) {
        this.queue = queue;
    }

    SlurmQueue queue() {
        return queue;
    }

    /**
     * The job as a listing asked for after {@code notBefore} (when its submission returned) shows it,
     * so that a job submitted after the last listing is not taken for ended; empty when the cluster
     * does not list it.
     */
    synchronized Optional<SlurmJobState> job(long jobId, Instant notBefore) throws IOException, InterruptedException {
        Instant now = Instant.now();
        if (!listedAt.isAfter(notBefore) || Duration.between(listedAt, now).compareTo(FRESH) >= 0) {
            // the time the listing was asked for: one asked before a submission returned may lack that job
            jobs = queue.jobs();
            listedAt = now;
        }
        return jobs.stream().filter(job -> job.jobId() == jobId).findFirst();
    }
}
