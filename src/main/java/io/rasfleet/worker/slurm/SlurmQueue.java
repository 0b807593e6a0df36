package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One server's jobs on a cluster, driven from a submit host through Slurm's client commands:
 * {@code sbatch --parsable} submits, {@code squeue --name} lists only this server's jobs (see
 * {@link SlurmJobName}), {@code scancel} ends them and is only believed once {@code squeue} no
 * longer lists them.
 */
public final class SlurmQueue {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private final io.rasfleet.worker.WorkerSpec spec;
    private final String server;
    private final SubmitHost host;

    SlurmQueue(io.rasfleet.worker.WorkerSpec spec, String server, SubmitHost host) {
        this.spec = spec;
        this.server = server;
        this.host = host;
    }

    /** The same server's jobs through another connection to the submit host (the first one lost). */
    SlurmQueue on(SubmitHost other) {
        return new SlurmQueue(spec, server, other);
    }

    /**
     * Submits {@code script} (a file on the shared filesystem) to run in {@code folder}; returns the
     * job id. {@code --no-requeue}: a job Slurm would start again behind our back is a machine
     * failure we retry ourselves, counted, and perhaps elsewhere.
     */
    public long submit(String comment, String folder, String script) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch"));
        command.addAll(spec.settings(SlurmSettings.class).sbatchArguments(spec.coresPerPlan(), spec.maxRuntimeMinutes()));
        command.addAll(List.of("--no-requeue", "--job-name=" + SlurmJobName.of(server), "--comment=" + comment, "--chdir=" + folder,
                "--output=" + folder + "/slurm-%j.out", script));
        String out;
        try {
            out = output(command, "submitting " + comment);
        } catch (io.rasfleet.worker.WorkerUnreachableException e) {
            throw e;
        } catch (IOException e) {
            SlurmSettings settings = spec.settings(SlurmSettings.class);
            throw new IOException("sbatch refused the job; the worker's settings it was given: partition " + settings.partition()
                    + (settings.account() == null ? "" : ", account " + settings.account())
                    + (settings.qos() == null ? "" : ", qos " + settings.qos()) + ", cores_per_plan " + spec.coresPerPlan()
                    + (settings.memoryPerPlan() == null ? "" : ", memory_per_plan " + settings.memoryPerPlan())
                    + (spec.maxRuntimeMinutes() == null ? "" : ", max_runtime_minutes " + spec.maxRuntimeMinutes())
                    + (settings.sbatchOptions().isEmpty() ? "" : ", sbatch_options " + settings.sbatchOptions()) + " (" + e.getMessage() + ")", e);
        }
        String id = out.strip().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch did not answer with a job id: " + out);
        }
        return Long.parseLong(id);
    }

    /** This server's jobs the cluster still lists, queued or running. */
    public List<SlurmJobState> jobs() throws IOException {
        return SlurmJobState.parse(output(List.of("squeue", "--noheader", "--name=" + SlurmJobName.of(server),
                "--format=" + SlurmJobState.FORMAT), "listing the jobs of " + server));
    }

    /**
     * Cancels {@code jobIds} and waits up to {@code wait} until {@code squeue} lists none of them;
     * throws naming those still listed.
     */
    public void cancel(List<Long> jobIds, Duration wait) throws IOException, InterruptedException {
        if (jobIds.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        jobIds.forEach(id -> command.add(Long.toString(id)));
        SubmitHost.Result cancelled = host.run(command, COMMAND_LIMIT);
        if (!cancelled.ok() && !cancelled.output().contains("Invalid job id")) {
            throw new IOException("scancel failed cancelling jobs " + jobIds + " (exit " + cancelled.code() + "): " + cancelled.output());
        }
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            List<Long> left = jobs().stream().map(SlurmJobState::jobId).filter(jobIds::contains).toList();
            if (left.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("jobs " + left + " are still in the cluster's queue " + wait.toSeconds()
                        + " s after scancel");
            }
            Thread.sleep(250);
        }
    }

    /**
     * A job as the controller shows it ({@code scontrol show job}, which remembers an ended job for
     * the cluster's {@code MinJobAge}, 5 minutes by default): its state and Slurm's reason; null
     * when the cluster no longer knows it. How a job that left {@code squeue} ended, without {@code sacct}.
     */
    public Shown shown(long jobId) throws IOException {
        SubmitHost.Result shown = host.run(List.of("scontrol", "--oneliner", "show", "job", Long.toString(jobId)), COMMAND_LIMIT);
        java.util.regex.Matcher state = java.util.regex.Pattern.compile("\\bJobState=(\\S+)").matcher(shown.output());
        if (!shown.ok() || !state.find()) {
            return null;
        }
        java.util.regex.Matcher reason = java.util.regex.Pattern.compile("\\bReason=(\\S+)").matcher(shown.output());
        return new Shown(state.group(1), reason.find() && !reason.group(1).equals("None") ? reason.group(1) : "");
    }

    /** A job's last state and Slurm's reason, as {@code scontrol} shows them. */
    public record Shown(String state, String reason) {
    }

    private String output(List<String> command, String doing) throws IOException {
        return host.output(command, command.get(0) + " " + doing, COMMAND_LIMIT);
    }
}
