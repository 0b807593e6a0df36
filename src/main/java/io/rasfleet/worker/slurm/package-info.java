/**
 * The {@code slurm} worker type: HEC-RAS's Linux engine on a Slurm cluster, one batch job per
 * attempt. {@link io.rasfleet.worker.slurm.SlurmWorker} checks the cluster and ends a dead server's
 * jobs; {@link io.rasfleet.worker.slurm.SlurmSession} stages a run's snapshot once through the
 * cluster-side content cache; its plans look at their jobs through the server's one
 * {@link io.rasfleet.worker.slurm.JobWatch} of the worker ({@code squeue --me}, once per
 * {@code poll_seconds}, shared by all runs); {@link io.rasfleet.worker.slurm.SlurmPlan} is one attempt:
 * its folder, its {@link io.rasfleet.worker.slurm.JobScript}, {@code sbatch}, queued with Slurm's
 * reason, the time limit from the job's start, {@code scancel} believed only once the job left the
 * queue, and the end read from the script's own exit file before Slurm's word
 * ({@link io.rasfleet.worker.slurm.SlurmJobState}, {@link io.rasfleet.worker.slurm.SlurmQueue#shown}).
 * A job outlives the server that submitted it: a restarted server's session adopts it again
 * ({@link io.rasfleet.worker.slurm.SlurmPlan#adopt}: by its comment in the watch's listing, or by the
 * output Slurm left in the attempt's folder when it ended meanwhile) and follows it as a submitted one.
 * Everything runs on a {@link io.rasfleet.worker.slurm.SubmitHost}: a login node over SSH
 * ({@link io.rasfleet.worker.slurm.LoginNode}) or the app server itself
 * ({@link io.rasfleet.worker.slurm.LocalSubmitHost}). Jobs are named after their installation
 * ({@link io.rasfleet.worker.Installation}) and server and commented with their attempt ({@link io.rasfleet.worker.slurm.SlurmJobName}), so that clean-up
 * never touches a peer's. {@code sacct} is never needed. Every client command waits out a busy
 * controller ({@link io.rasfleet.worker.slurm.ControllerCalls}); a failed node is reported as
 * {@link io.rasfleet.worker.RetryHereException}, so that the plan comes back to the cluster with
 * {@code --exclude} ({@link io.rasfleet.worker.slurm.SbatchOptions#excluding}).
 */
package io.rasfleet.worker.slurm;
