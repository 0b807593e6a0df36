package io.rasfleet.project;

/** The kind of flow file a plan computes with, told by the letter of its extension. */
public enum FlowKind {
    UNSTEADY('u'), STEADY('f'), QUASI_STEADY('q');

    private final char letter;

    FlowKind(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The kind of a flow file reference such as {@code u02}; null when the letter is none of ours. */
    public static FlowKind ofReference(String reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        char first = Character.toLowerCase(reference.charAt(0));
        for (FlowKind kind : values()) {
            if (kind.letter == first) {
                return kind;
            }
        }
        return null;
    }

    /** The word users know: unsteady, steady, quasi-steady. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
