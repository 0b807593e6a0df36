package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One server's jobs on a cluster, driven from a submit host through Slurm's client commands:
 * {@code sbatch --parsable} submits, {@code squeue --me --name} lists only this server's jobs (see
 * {@link SlurmJobName}), {@code scancel} ends them and is only believed once {@code squeue} no
 * longer lists them. Every command waits out a busy controller ({@link ControllerCalls}).
 */
public final class SlurmQueue {

    private final io.rasfleet.worker.WorkerSpec spec;
    private final String server;
    private final String jobName;
    private final ControllerCalls calls;

    /** The jobs of {@code server} in this installation. */
    SlurmQueue(io.rasfleet.worker.WorkerSpec spec, String server, SubmitHost host) {
        this(spec, server, SlurmJobName.of(server), new ControllerCalls(host, ControllerCalls.PATIENCE));
    }

    /** The jobs named {@code jobName} ({@link SlurmJobName#of}). */
    SlurmQueue(io.rasfleet.worker.WorkerSpec spec, String server, String jobName, ControllerCalls calls) {
        this.spec = spec;
        this.server = server;
        this.jobName = jobName;
        this.calls = calls;
    }

    /** The same server's jobs through another connection to the submit host (the first one lost). */
    SlurmQueue on(SubmitHost other) {
        return new SlurmQueue(spec, server, jobName, new ControllerCalls(other, ControllerCalls.PATIENCE));
    }

    /**
     * Submits {@code script} (a file on the shared filesystem) to run in {@code folder}, on none of
     * {@code avoidNodes}, for an attempt whose time limit is {@code limit}; returns the job id. {@code --no-requeue}: a job Slurm would start again
     * behind our back is a machine failure we retry ourselves, counted. A submission whose answer
     * was lost to a busy controller is looked for by its comment before it is submitted again.
     */
    public long submit(String comment, String folder, String script, java.util.Set<String> avoidNodes, Duration limit)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sbatch"));
        command.addAll(SbatchOptions.excluding(spec.settings(SlurmSettings.class).sbatchArguments(spec.coresPerPlan(), limit),
                avoidNodes));
        command.addAll(List.of("--no-requeue", "--job-name=" + jobName, "--comment=" + comment, "--chdir=" + folder,
                "--output=" + folder + "/slurm-%j.out", script));
        SubmitHost.Result submitted = calls.host().run(command, java.time.Duration.ofSeconds(60));
        if (!submitted.ok() && ControllerCalls.noAnswer(submitted.output())) {
            java.util.Optional<SlurmJobState> accepted = jobs().stream().filter(job -> job.comment().equals(comment)).findFirst();
            if (accepted.isPresent()) {
                return accepted.get().jobId();
            }
            submitted = calls.run(command);
        }
        if (!submitted.ok()) {
            SlurmSettings settings = spec.settings(SlurmSettings.class);
            throw new IOException("sbatch refused the job; the worker's settings it was given: partition " + settings.partition()
                    + (settings.account() == null ? "" : ", account " + settings.account())
                    + (settings.qos() == null ? "" : ", qos " + settings.qos()) + ", cores_per_plan " + spec.coresPerPlan()
                    + (settings.memoryPerPlan() == null ? "" : ", memory_per_plan " + settings.memoryPerPlan())
                    + ", the attempt's time limit " + limit.toMinutes() + " min as --time=" + settings.jobMinutes(limit)
                    + (spec.maxRuntimeMinutes() == null ? "" : " (max_runtime_minutes " + spec.maxRuntimeMinutes() + ")")
                    + (avoidNodes.isEmpty() ? "" : ", without nodes " + String.join(",", new java.util.TreeSet<>(avoidNodes)))
                    + (settings.sbatchOptions().isEmpty() ? "" : ", sbatch_options " + settings.sbatchOptions())
                    + " (exit code " + submitted.code() + ": " + submitted.output() + ")");
        }
        // --parsable prints "<id>" or "<id>;<cluster>"; a warning may stand beside it
        SubmitHost.Result answer = submitted;
        return answer.output().lines().map(String::strip).filter(line -> line.matches("\\d+(;\\S*)?")).findFirst()
                .map(line -> Long.parseLong(line.split(";")[0]))
                .orElseThrow(() -> new IOException("sbatch did not answer with a job id: " + answer.output()));
    }

    /** This server's jobs the cluster still lists, queued or running. */
    public List<SlurmJobState> jobs() throws IOException, InterruptedException {
        return SlurmJobState.parse(calls.output(List.of("squeue", "--me", "--noheader", "--name=" + jobName,
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
        // only ever ours: our user's jobs of this installation's server, whatever ids were given
        List<String> command = new ArrayList<>(List.of("scancel", "--me", "--name=" + jobName));
        jobIds.forEach(id -> command.add(Long.toString(id)));
        SubmitHost.Result cancelled = calls.run(command);
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
     * the cluster's {@code MinJobAge}, 5 minutes by default): its state, Slurm's reason and the
     * nodes it ran on; null when the cluster no longer knows it. How a job that left {@code squeue}
     * ended, without {@code sacct}.
     */
    public Shown shown(long jobId) throws IOException, InterruptedException {
        SubmitHost.Result shown = calls.run(List.of("scontrol", "--oneliner", "show", "job", Long.toString(jobId)));
        java.util.regex.Matcher state = java.util.regex.Pattern.compile("\\bJobState=(\\S+)").matcher(shown.output());
        if (!shown.ok() || !state.find()) {
            if (shown.ok() || shown.output().contains("Invalid job id")) {
                return null;
            }
            throw new IOException("scontrol could not show job " + jobId + " (exit code " + shown.code() + "): " + shown.output());
        }
        return new Shown(state.group(1), field(shown.output(), "Reason"), field(shown.output(), "NodeList"));
    }

    private static String field(String shown, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + name + "=(\\S+)").matcher(shown);
        return m.find() && !m.group(1).equals("None") && !m.group(1).equals("(null)") ? m.group(1) : "";
    }

    /** A job's last state, Slurm's reason and its nodes (empty when none), as {@code scontrol} shows them. */
    public record Shown(String state, String reason, String nodes) {
    }

    /**
     * Removes what a killed job left in its node-local scratch ({@code folder}) with a small job of
     * ours on that node; it is not waited for.
     */
    public void submitScratchRemoval(String node, String folder) throws IOException, InterruptedException {
        SlurmSettings settings = spec.settings(SlurmSettings.class);
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--partition=" + settings.partition()));
        if (settings.account() != null) {
            command.add("--account=" + settings.account());
        }
        if (settings.qos() != null) {
            command.add("--qos=" + settings.qos());
        }
        command.addAll(List.of("--nodelist=" + node, "--ntasks=1", "--cpus-per-task=1", "--time=5", "--no-requeue", "--export=NONE",
                "--job-name=" + jobName, "--comment=rasfleet " + io.rasfleet.worker.ServerName.safe(server)
                        + " scratch-removal", "--output=/dev/null", "--wrap=rm -rf -- " + io.rasfleet.worker.ssh.SshShell.quote(folder)));
        calls.output(command, "removing " + folder + " on node " + node);
    }
}
