/**
 * Groundwork of the {@code slurm} worker type (issue 13): HEC-RAS's Linux engine on a Slurm
 * cluster, one batch job per attempt. What is here is used by nothing yet and the type is not
 * registered as a {@link io.rasfleet.worker.WorkerProvider}: {@link io.rasfleet.worker.slurm.SlurmSettings}
 * (the worker JSON's fields, strictly checked, and the {@code sbatch} options they become),
 * {@link io.rasfleet.worker.slurm.SbatchOptions} (the admin's extra options: one word each, never one
 * we set), {@link io.rasfleet.worker.slurm.SlurmJobName} (every job is named after its server and
 * commented with run and attempt, so that crash clean-up only ever finds its own),
 * {@link io.rasfleet.worker.slurm.SlurmJobState} ({@code squeue}'s view: queued with Slurm's reason,
 * running, and which cluster-side ends are machine failures; {@code sacct} is never needed),
 * {@link io.rasfleet.worker.slurm.SlurmPartitionCheck} (the cluster's part of a check, on a submit
 * host) and {@link io.rasfleet.worker.slurm.SlurmQueue} (submit, list this server's jobs, scancel
 * and wait until they left the queue, on a submit host). Still to build on these: the worker and session (staging as the SSH worker does, through
 * the SSH layer or locally), an {@link io.rasfleet.worker.linux.EngineFolder} whose commands are
 * batch jobs, stop and time-out through
 * {@link io.rasfleet.worker.slurm.SlurmQueue#cancel}, {@code endAbandoned} by job name, and the
 * same commands over the SSH layer for a login node.
 */
package io.rasfleet.worker.slurm;
