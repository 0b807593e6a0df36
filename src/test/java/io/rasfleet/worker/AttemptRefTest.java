package io.rasfleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptRefTest {

    final AttemptRef live = new AttemptRef("alpha", 7, "p01-a2");

    @Test
    void whatAWorkerFindsIsReadBackToItsAttemptOrRunOrToNothing() {
        assertEquals(Optional.of(live), AttemptRef.under("alpha", "run-7/p01-a2/Muncie.p01.tmp.hdf"));
        assertEquals(Optional.of(live), AttemptRef.under("alpha", "run-7\\p01-a2\\"), "a Windows path");
        assertEquals(Optional.of(AttemptRef.wholeRun("alpha", 7)), AttemptRef.under("alpha", "run-7/snapshot"));
        assertEquals(Optional.empty(), AttemptRef.under("alpha", "cache/x"), "what names no run is left alone");
        assertEquals(Optional.of(live), AttemptRef.ofLabel(live.label()));
        assertEquals(Optional.of(AttemptRef.wholeRun("alpha", 7)), AttemptRef.ofLabel("alpha/run-7"));
        assertEquals(Optional.empty(), AttemptRef.ofLabel("alpha"));
    }

    @Test
    void aLiveAttemptCoversItsOwnWorkAndItsRunsStagingOnly() {
        assertTrue(live.covers(new AttemptRef("alpha", 7, "p01-a2")));
        assertTrue(live.covers(AttemptRef.wholeRun("alpha", 7)), "the live attempt may be staging its run's snapshot");
        assertFalse(live.covers(new AttemptRef("alpha", 7, "p01-a1")), "an earlier attempt of the same plan is dead");
        assertFalse(live.covers(new AttemptRef("alpha", 8, "p01-a2")));
        assertFalse(live.covers(AttemptRef.wholeRun("alpha", 8)));
        assertFalse(live.covers(new AttemptRef("beta", 7, "p01-a2")));
    }
}
