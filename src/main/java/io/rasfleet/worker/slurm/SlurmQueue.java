package io.rasfleet.worker.slurm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One server's jobs on a cluster, driven from a submit host through Slurm's client commands:
 * {@code sbatch --parsable} submits, {@code squeue --name} lists only this server's jobs (see
 * {@link SlurmJobName}), {@code scancel} ends them and is only believed once {@code squeue} no
 * longer lists them.
 */
public final class SlurmQueue {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private final SlurmSettings settings;
    private final String server;
    private final LocalSubmitHost host;

    /** {@code environment} is added to the client commands' own (a cluster's {@code SLURM_CONF}). */
    public SlurmQueue(SlurmSettings settings, String server, Map<String, String> environment) {
        this.settings = settings;
        this.server = server;
        this.host = new LocalSubmitHost(environment);
    }

    /** Submits {@code script} (a file on the shared filesystem) to run in {@code folder}; returns the job id. */
    public long submit(String comment, String folder, String script) throws IOException {
        List<String> command = new ArrayList<>(List.of("sbatch"));
        command.addAll(settings.sbatchArguments());
        command.addAll(List.of("--job-name=" + SlurmJobName.of(server), "--comment=" + comment, "--chdir=" + folder,
                "--output=" + folder + "/slurm-%j.out", script));
        String out = run(command, "submitting " + comment);
        String id = out.strip().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch did not answer with a job id: " + out);
        }
        return Long.parseLong(id);
    }

    /** This server's jobs the cluster still lists, queued or running. */
    public List<SlurmJobState> jobs() throws IOException {
        return SlurmJobState.parse(run(List.of("squeue", "--noheader", "--name=" + SlurmJobName.of(server),
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
        run(command, "cancelling jobs " + jobIds);
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

    private String run(List<String> command, String doing) throws IOException {
        LocalSubmitHost.Result result = host.run(command, COMMAND_LIMIT);
        if (!result.ok()) {
            throw new IOException(command.get(0) + " failed " + doing + " (exit " + result.code() + "): " + result.output());
        }
        return result.output();
    }
}
