package io.rasfleet.results;

/**
 * What the project says of a plan, for its row in the results table: ras-commander's
 * {@code plan_meta}, read from the plan file rather than from its results.
 *
 * @param planNumber the two digits, kept as text ({@code 01})
 * @param flowType   {@code Unsteady}, {@code Steady} or {@code Unknown}, as ras-commander tells it from the flow file
 * @param rasVersion the plan file's {@code Program Version}; null when it has none
 */
public record PlanFacts(String planNumber, String planTitle, String flowType, String rasVersion) {

    public static final String UNSTEADY = "Unsteady";
    public static final String STEADY = "Steady";
    public static final String UNKNOWN = "Unknown";
}
