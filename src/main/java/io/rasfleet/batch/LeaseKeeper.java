package io.rasfleet.batch;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.store.OwnerToken;
import io.rasfleet.store.AttemptStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Keeps this server's leases on the attempts its threads own ({@link LiveAttempts}), and nothing
 * else: {@link #renew} every eighth of the lease renews each live attempt's lease while its token holds,
 * and fences an attempt whose token a peer has taken. {@link #fenceIfSilent}, checked far more
 * often, is the self-fencing: when no renewal has succeeded for half the lease (the database is
 * unreachable, or answers too late), every live attempt is stopped before a peer may take it over,
 * which it may only once the lease has run out. A takeover thus finds the old owner already
 * stopped, and the old owner's later writes match no row.
 */
final class LeaseKeeper {

    private final AttemptStore attempts;
    private final LiveAttempts live;
    private final Duration lease;
    private final LongSupplier nanos;
    /** When the last renewal that succeeded began (the lease it wrote counts from no earlier than that). */
    private volatile long renewedAt;

    LeaseKeeper(AttemptStore attempts, LiveAttempts live, Duration lease, LongSupplier nanos) {
        this.attempts = attempts;
        this.live = live;
        this.lease = lease;
        this.nanos = nanos;
        this.renewedAt = nanos.getAsLong();
    }

    /**
     * How often {@link #renew} runs: eight times per lease. The self-fence comes after half a lease
     * without a renewal, so a renewal slowed by a starved CPU (seen at 30 plans starting at once on
     * two cores, renewing every quarter) has three beats to get through before every attempt stops.
     */
    Duration renewEvery() {
        return lease.dividedBy(8);
    }

    /** How often {@link #fenceIfSilent} runs: often enough to stop the attempts well before the lease runs out. */
    Duration checkEvery() {
        return lease.dividedBy(20).compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : lease.dividedBy(20);
    }

    /** Renews the live attempts' leases; fences those whose token no longer holds. A failure leaves the renewal time as it was. */
    void renew() {
        long began = nanos.getAsLong();
        List<OwnerToken> tokens = live.tokens();
        try {
            Set<OwnerToken> lost = tokens.isEmpty() ? Set.of() : attempts.renewLeases(tokens);
            renewedAt = began;
            for (OwnerToken token : lost) {
                live.fence(token, "its lease could not be renewed: the attempt is no longer " + token + "'s");
            }
        } catch (RuntimeException e) {
            LOG.leaseRenewalFailed(e);
        }
    }

    /** Self-fencing: stops every live attempt once no renewal has succeeded for half the lease. */
    void fenceIfSilent() {
        long silent = nanos.getAsLong() - renewedAt;
        if (silent > lease.toNanos() / 2 && !live.isEmpty()) {
            List<OwnerToken> tokens = live.tokens();
            LOG.selfFenced(Duration.ofNanos(silent).toMillis(), lease.toMillis(), tokens.size());
            live.fenceAll("this server could not renew its lease for " + Duration.ofNanos(silent).toMillis() + " ms, half the lease of "
                    + lease.toMillis() + " ms: it stopped the attempt before a peer may take it over");
        }
    }
}
