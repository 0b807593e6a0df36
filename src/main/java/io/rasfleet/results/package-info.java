/**
 * Reading HEC-RAS results with jhdf. {@link io.rasfleet.results.ResultFile} opens a
 * {@code Name.pNN.hdf} (refusing what is not a whole HDF5 file, in words) and reads its
 * {@link io.rasfleet.results.ResultSummary}; {@link io.rasfleet.results.PlanVerdicts} decides
 * SUCCEEDED / FAILED / INCOMPLETE from the file together with what is known of the run that wrote
 * it ({@link io.rasfleet.results.RunEvidence}), because a file's existence proves nothing;
 * {@link io.rasfleet.results.ComputeProgress} follows a running plan from the files it grows;
 * {@link io.rasfleet.results.ResultColumns} and {@link io.rasfleet.results.RunTimes} give the
 * columns of a run's results table that come from a plan's file.
 */
package io.rasfleet.results;
