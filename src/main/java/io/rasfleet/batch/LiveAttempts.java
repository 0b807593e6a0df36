package io.rasfleet.batch;

import io.rasfleet.store.OwnerToken;
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

    private record Live(OwnerToken token, Consumer<String> fence) {
    }

    /** An attempt's owner took it; {@code fence} stops it, saying why, when its token no longer holds. */
    void add(OwnerToken token, Consumer<String> fence) {
        live.put(token.attemptId(), new Live(token, fence));
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
     * Fences every attempt live now (this server can no longer vouch for any of them). Those that
     * start while the others are being stopped (a process tree takes seconds to end on a loaded
     * machine) are left alone: their start was a write the database accepted.
     */
    void fenceAll(String reason) {
        List.copyOf(live.values()).forEach(attempt -> attempt.fence().accept(reason));
    }
}
