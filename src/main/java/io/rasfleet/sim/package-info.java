/**
 * The rasfleet HEC-RAS stand-in: a program that answers HEC-RAS's command lines and writes files in
 * HEC-RAS's layout, so that rasfleet can be shown and tested where HEC-RAS cannot run. It is
 * labelled as a stand-in in every file a user can see.
 *
 * <p>{@link io.rasfleet.sim.RasSim} reads the command line ({@code SimInvocation}) and the plan
 * ({@code SimPlan}: from the project files, or from the compute inputs a preprocessing run left for
 * the Linux engine); {@code SimRun} plays HEC-RAS's steps and the outcome a plan asks for with
 * {@code RASSIM Outcome=} and {@code RASSIM Seconds=} (or the RASSIM_OUTCOME / RASSIM_SECONDS
 * environment variables); {@code ResultWriter} writes the results file with jhdf.
 */
package io.rasfleet.sim;
