package io.rasfleet.results;

/**
 * SUCCEEDED: every sign of success is there. FAILED: HEC-RAS or the process said it failed.
 * INCOMPLETE: there is no proof that the plan finished (no result, an old one, a cut-off file, a
 * time-out).
 */
public enum VerdictState {
    SUCCEEDED, FAILED, INCOMPLETE
}
