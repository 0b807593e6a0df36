package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.store.OwnerToken;
import io.rasfleet.worker.AttemptRef;
import org.junit.jupiter.api.Test;

class LiveAttemptsTest {

    @Test
    void theStartUpCleanUpIsToldToSpareExactlyTheAttemptsAThreadOwnsNow() {
        LiveAttempts live = new LiveAttempts();
        OwnerToken token = new OwnerToken(41, 7, "03", "alpha", 5);
        live.add(token, 2, reason -> { });
        assertTrue(live.covers(new AttemptRef("alpha", 7, "p03-a2")), "the folder the worker named for attempt 2 of plan 03");
        assertTrue(live.covers(AttemptRef.wholeRun("alpha", 7)));
        assertFalse(live.covers(new AttemptRef("alpha", 7, "p03-a1")), "the attempt before it, left by the previous life");
        live.remove(token);
        assertFalse(live.covers(new AttemptRef("alpha", 7, "p03-a2")), "an attempt whose thread is done is no longer spared");
    }
}
