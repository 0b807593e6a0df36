package io.rasfleet.results;

/** One row of {@code /Results/Summary/Compute Processes}: a program HEC-RAS ran and how long it took. */
public record ComputeProcess(String process, String filename, String arguments, String computeTime, Integer computeMillis) {
}
