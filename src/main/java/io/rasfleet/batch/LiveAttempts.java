package io.rasfleet.batch;

import io.rasfleet.project.PlanId;
import io.rasfleet.store.OwnerToken;
import io.rasfleet.worker.AttemptRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This server's attempts that a live thread owns now, each with its owner token and a way to
 * fence it (stop it without delivering). Only these attempts' leases are renewed
 * ({@link LeaseKeeper}): an attempt whose thread has gone, whatever it threw, is no longer
 * vouched for, so its lease runs out and a peer or a restart may take it.
 */
final class LiveAttempts {

    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private volatile ProgressBook progress;

    private record Live(OwnerToken token, AttemptRef work, Consumer<String> fence) {
    }

    /**
     * An attempt's owner took it (attempt {@code number} of its plan); {@code fence} stops it, saying
     * why, when its token no longer holds.
     */
    void add(OwnerToken token, int number, Consumer<String> fence) {
        AttemptRef work = new AttemptRef(token.server(), token.runId(), AttemptRef.folderName(PlanId.parse(token.plan()), number));
        live.put(token.attemptId(), new Live(token, work, fence));
    }

    /**
     * Whether {@code work} found on a worker (an attempt's, or a run's session's) belongs to an
     * attempt live here now: asked by the start-up clean-up after it listed what it found.
     */
    boolean covers(AttemptRef work) {
        return live.values().stream().anyMatch(attempt -> attempt.work().covers(work));
    }

    /** Where the live attempts' progress goes to {@code attempts}: one book for all of them. */
    ProgressBook progress(io.rasfleet.store.AttemptStore attempts) {
        ProgressBook book = progress;
        if (book == null) {
            synchronized (this) {
                if (progress == null) {
                    progress = new ProgressBook(attempts, this);
                }
                book = progress;
            }
        }
        return book;
    }

    /** The attempt's owner is done with it (however it ended). */
    void remove(OwnerToken token) {
        live.remove(token.attemptId());
    }

    List<OwnerToken> tokens() {
        return live.values().stream().map(Live::token).toList();
    }

    boolean isEmpty() {
        return live.isEmpty();
    }

    /** Fences the attempt of {@code token}, if it is still live here. */
    void fence(OwnerToken token, String reason) {
        Live attempt = live.get(token.attemptId());
        if (attempt != null && attempt.token().equals(token)) {
            attempt.fence().accept(reason);
        }
    }

    /**
     * Fences every attempt live now (this server can no longer vouch for any of them), side by side
     * and returning once all are stopped: a process tree can take seconds to end on a loaded
     * machine, and one by one the last would outlive the lease. Attempts that start meanwhile are
     * left alone: their start was a write the database accepted.
     */
    void fenceAll(String reason) {
        List<Thread> stopping = List.copyOf(live.values()).stream()
                .map(attempt -> new Thread(() -> attempt.fence().accept(reason), "rasfleet-fence-" + attempt.token().attemptId()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread stop : stopping) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                // the server is going down: the stops go on without a witness
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
