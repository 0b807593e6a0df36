package io.rasfleet.worker.slurm;

import io.rasfleet.worker.WorkerUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server's jobs on one cluster as one {@code squeue --me} listing, shared by every plan of every
 * run of that server on that worker and asked for at most once per {@code poll_seconds}: a hundred
 * plans waiting on a cluster ask its controller once per interval, not a hundred times. The watch
 * keeps its own connection to the submit host while any session uses it, and opens a new one when
 * the last was lost.
 */
final class JobWatch implements AutoCloseable {

    private static final Map<Key, JobWatch> SHARED = new HashMap<>();

    /** One watch per worker (as configured now) and server. */
    private record Key(String worker, SlurmSettings settings, String server) {
    }

    private final Key key;
    private final SlurmWorker worker;
    private final String server;
    private final Duration interval;
    private final AtomicLong listings = new AtomicLong();
    private int users;
    private SubmitHost host;
    private List<SlurmJobState> jobs = List.of();
    private Instant listedAt = Instant.EPOCH;

    private JobWatch(Key key, SlurmWorker worker, String server) {
        this.key = key;
        this.worker = worker;
        this.server = server;
        this.interval = worker.settings().pollInterval();
    }

    /** The watch of {@code server}'s jobs on {@code worker}, shared with its other sessions; close it when done. */
    static JobWatch join(SlurmWorker worker, String server) {
        Key key = new Key(worker.spec().name(), worker.settings(), server);
        synchronized (SHARED) {
            JobWatch watch = SHARED.computeIfAbsent(key, k -> new JobWatch(k, worker, server));
            watch.users++;
            return watch;
        }
    }

    /** How long plans wait between looks at their jobs and progress. */
    Duration interval() {
        return interval;
    }

    /** How many listings this watch asked the cluster for: what the controller sees of this server. */
    long listings() {
        return listings.get();
    }

    /** The server's jobs through the watch's connection, opened when there is none. */
    synchronized SlurmQueue queue() throws WorkerUnreachableException {
        if (host == null) {
            host = worker.submitHost();
        }
        return new SlurmQueue(worker.spec(), server, host);
    }

    /**
     * The job as a listing asked for after {@code notBefore} (when its submission returned) shows it,
     * so that a job submitted after the last listing is not taken for ended; empty when the cluster
     * does not list it.
     */
    synchronized Optional<SlurmJobState> job(long jobId, Instant notBefore) throws IOException, InterruptedException {
        return listing(notBefore).stream().filter(job -> job.jobId() == jobId).findFirst();
    }

    /**
     * The job commented {@code comment} (one attempt's, {@link SlurmJobName#comment}) as a listing
     * asked for after {@code notBefore} shows it; empty when the cluster does not list it. How a
     * restarted server finds the jobs its previous life submitted: any listing since its session
     * opened holds them, so a hundred attempts adopted at once cost one listing.
     */
    synchronized Optional<SlurmJobState> attempt(String comment, Instant notBefore) throws IOException, InterruptedException {
        return listing(notBefore).stream().filter(job -> job.comment().equals(comment)).findFirst();
    }

    private List<SlurmJobState> listing(Instant notBefore) throws IOException, InterruptedException {
        Instant now = Instant.now();
        // a little under the interval: plans that look once per interval find the listing due
        if (!listedAt.isAfter(notBefore) || Duration.between(listedAt, now).compareTo(interval.multipliedBy(9).dividedBy(10)) >= 0) {
            try {
                jobs = queue().jobs();
            } catch (WorkerUnreachableException lost) {
                host.close();
                host = null;
                throw lost;
            }
            listings.incrementAndGet();
            // the time the listing was asked for: one asked before a submission returned may lack that job
            listedAt = now;
        }
        return jobs;
    }

    @Override
    public void close() {
        synchronized (SHARED) {
            if (--users > 0) {
                return;
            }
            SHARED.remove(key);
        }
        synchronized (this) {
            if (host != null) {
                host.close();
                host = null;
            }
        }
    }
}
