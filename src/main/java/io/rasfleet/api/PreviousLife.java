package io.rasfleet.api;

import io.rasfleet.store.AttemptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * At start-up, what this server's name left RUNNING in the database: the attempts of its previous
 * life (a crash, a kill -9), to be reconciled, told apart from a live server started under the
 * same {@code jboss.node.name}, whose attempts must not be touched. A live server renews its
 * leases every eighth of the lease; so when an attempt of this name still has a live lease, two renewal
 * periods (and a margin) are watched: a lease renewed, or a new attempt started, meanwhile means a
 * live twin, and this server refuses to start; otherwise the previous life is dead and every one of
 * its attempts is handed back for reconciling (each then only while still as it was seen).
 */
final class PreviousLife {

    /** How a start-up waits while it watches (tests watch without waiting). */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Another live server holds leases under this server's name: this one must not start. */
    static final class TwinServerException extends IllegalStateException {
        TwinServerException(String message) {
            super(message);
        }
    }

    private PreviousLife() {
    }

    /** The attempts this server's previous life left RUNNING; {@link TwinServerException} when a live server uses its name. */
    static List<AttemptStore.RunningAttempt> left(AttemptStore attempts, Pause pause) throws InterruptedException {
        List<AttemptStore.RunningAttempt> seen = attempts.runningAttempts();
        Instant now = Instant.now();
        if (seen.stream().noneMatch(a -> a.leaseUntil() != null && a.leaseUntil().isAfter(now))) {
            return seen;
        }
        Map<Long, Instant> leases = new HashMap<>();
        seen.forEach(a -> leases.put(a.id(), a.leaseUntil()));
        pause.sleep(attempts.lease().dividedBy(4).plusSeconds(2));
        List<AttemptStore.RunningAttempt> again = attempts.runningAttempts();
        for (AttemptStore.RunningAttempt a : again) {
            Instant before = leases.get(a.id());
            if (!leases.containsKey(a.id()) || (a.leaseUntil() != null && before != null && a.leaseUntil().isAfter(before))) {
                throw new TwinServerException("another live server is named " + attempts.node() + ": it "
                        + (leases.containsKey(a.id()) ? "renewed its lease on" : "started") + " attempt " + a.number() + " of plan "
                        + a.plan() + " of run " + a.runId() + " (lease until " + a.leaseUntil() + ") while this server started."
                        + " This server refuses to start: give each server sharing the database its own -Djboss.node.name");
            }
        }
        return again;
    }
}
