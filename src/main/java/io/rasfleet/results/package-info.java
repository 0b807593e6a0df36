/**
 * Reading HEC-RAS results with jhdf. {@link io.rasfleet.results.ResultFile} opens a
 * {@code Name.pNN.hdf} (refusing what is not a whole HDF5 file, in words) and reads its
 * {@link io.rasfleet.results.ResultSummary}; {@link io.rasfleet.results.PlanVerdicts} decides
 * SUCCEEDED / FAILED / INCOMPLETE from the file together with what is known of the run that wrote
 * it ({@link io.rasfleet.results.RunEvidence}), because a file's existence proves nothing;
 * {@link io.rasfleet.results.ComputeProgress} follows a running plan from the files it grows;
 * {@link io.rasfleet.results.RunTimes} gives our compute times for estimates.
 * {@link io.rasfleet.results.ResultColumns} makes a plan's row of the results table by
 * ras-commander's rules, so both tables agree: {@link io.rasfleet.results.MessageCounts} (completed,
 * errors, warnings), {@link io.rasfleet.results.SummaryRuntime} (run times from the file, else
 * {@link io.rasfleet.results.MessageRuntimes} from the messages), and
 * {@link io.rasfleet.results.ShortestDecimal} for the numbers. These are ras-commander's words
 * beside our verdict, never in place of it.
 */
package io.rasfleet.results;
