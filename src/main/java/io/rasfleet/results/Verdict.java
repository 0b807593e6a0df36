package io.rasfleet.results;

/** The answer to "has this plan succeeded?", with the reason in words for the user. */
public record Verdict(VerdictState state, String reason) {

    public boolean succeeded() {
        return state == VerdictState.SUCCEEDED;
    }

    static Verdict succeeded(String reason) {
        return new Verdict(VerdictState.SUCCEEDED, reason);
    }

    static Verdict failed(String reason) {
        return new Verdict(VerdictState.FAILED, reason);
    }

    static Verdict incomplete(String reason) {
        return new Verdict(VerdictState.INCOMPLETE, reason);
    }
}
