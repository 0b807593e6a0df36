package io.rasfleet.worker.slurm;

import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.ServerName;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerRun;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerUnreachableException;
import io.rasfleet.worker.linux.FreeDisk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Slurm cluster: HEC-RAS's Linux engine as one batch job per attempt, submitted on a login node
 * over SSH or on the app server itself (no {@code hostname}). Files live under {@code worker_folder}
 * on the cluster's shared filesystem, as for an SSH worker: {@code <server>/run-<id>/snapshot}
 * once per run (through the content cache), {@code <server>/run-<id>/pNN-aK} per attempt. Every
 * job is named after its server and commented with its attempt ({@link SlurmJobName}), so that
 * clean-up after a crash only ever cancels this server's jobs.
 */
public final class SlurmWorker implements Worker {

    private static final Duration CANCEL_WAIT = Duration.ofMinutes(1);

    private final WorkerSpec spec;
    private final Map<String, String> environment;
    private final java.time.Clock clock;

    public SlurmWorker(WorkerSpec spec) {
        this(spec, Map.of());
    }

    /** {@code environment} is added to the client commands' own when the app server submits itself (a cluster's {@code SLURM_CONF}). */
    public SlurmWorker(WorkerSpec spec, Map<String, String> environment) {
        this(spec, environment, java.time.Clock.systemUTC());
    }

    /** {@code clock} tells how long a job has waited in the queue: a test moves it instead of waiting the minutes of {@code queue_timeout_minutes}. */
    SlurmWorker(WorkerSpec spec, Map<String, String> environment, java.time.Clock clock) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    java.time.Clock clock() {
        return clock;
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    SlurmSettings settings() {
        return spec.settings(SlurmSettings.class);
    }

    /** A new connection to the submit host: the login node, or this app server. */
    SubmitHost submitHost() throws WorkerUnreachableException {
        return settings().local() ? new LocalSubmitHost(environment) : LoginNode.open(settings());
    }

    /** Where one server keeps one run: a peer server's folders are never under it. */
    String runFolder(String server, long runId) {
        return spec.workerFolder().replaceAll("/+$", "") + "/" + ServerName.safe(server) + "/run-" + runId;
    }

    @Override
    public String host() {
        return settings().local() ? io.rasfleet.worker.LocalHost.name() : settings().hostname();
    }

    String describe() {
        return "worker " + spec.name() + " (slurm partition " + settings().partition() + " via "
                + (settings().local() ? "this app server" : settings().username() + "@" + settings().hostname()) + ")";
    }

    @Override
    public CheckReport check() {
        List<CheckReport.Item> items = new ArrayList<>();
        try (SubmitHost host = submitHost()) {
            if (!settings().local()) {
                items.add(new CheckReport.Item("login", true, "logged in to " + host + " with "
                        + (settings().login().sshKeyPath() != null ? "the key " + settings().login().sshKeyPath()
                                : "the password of credential store alias '" + settings().login().credentialAlias() + "'")));
            }
            items.addAll(SlurmPartitionCheck.run(spec, host));
            String folder = spec.workerFolder();
            SubmitHost.Result written = host.run(List.of("sh", "-c", "mkdir -p -- \"$1\" && echo probe > \"$1/$2\" && rm -f -- \"$1/$2\"",
                    "sh", folder, ".rasfleet-probe-" + UUID.randomUUID()), Duration.ofSeconds(30));
            items.add(new CheckReport.Item("worker_folder", written.ok(), folder + (written.ok() ? " is writable"
                    : " cannot be written: " + written.output())));
            String engine = settings().rasEnginePath().replaceAll("/+$", "") + "/RasUnsteady";
            SubmitHost.Result found = host.run(List.of("test", "-x", engine), Duration.ofSeconds(30));
            items.add(new CheckReport.Item("ras_engine_path", found.ok(), engine + (found.ok()
                    ? " is an executable program (as the submit host sees the shared filesystem)"
                    : " is not an executable program on " + host.host())));
            if (written.ok()) {
                SubmitHost.Result df = host.run(FreeDisk.command(folder), Duration.ofSeconds(30));
                items.add(FreeDisk.item(df.ok(), df.output(), folder, host.host()));
            }
        } catch (WorkerUnreachableException e) {
            items.add(new CheckReport.Item("login", false, e.getMessage()));
        } catch (IOException e) {
            items.add(new CheckReport.Item("commands", false, e.getMessage()));
        }
        return new CheckReport(spec.name(), items);
    }

    /**
     * Cancels the jobs of {@code server} on the cluster (its jobs are named after it) whose attempt,
     * named by the job's comment, is not live when asked after the listing, and waits until they
     * left the queue. A job whose comment names no attempt (a scratch removal) is left to end.
     */
    @Override
    public int endAbandoned(String server, java.util.function.Predicate<AttemptRef> live) throws WorkerException {
        return cancel(server, job -> SlurmJobName.attempt(job.comment()).filter(live.negate()).isPresent());
    }

    /** Cancels the job of one attempt, found by its comment. */
    @Override
    public int endAttempt(AttemptRef attempt) throws WorkerException {
        String comment = SlurmJobName.comment(attempt);
        return cancel(attempt.server(), job -> job.comment().equals(comment));
    }

    private int cancel(String server, java.util.function.Predicate<SlurmJobState> which) throws WorkerException {
        try (SubmitHost host = submitHost()) {
            SlurmQueue queue = new SlurmQueue(spec, server, host);
            List<Long> ids = queue.jobs().stream().filter(which).map(SlurmJobState::jobId).toList();
            queue.cancel(ids, CANCEL_WAIT);
            return ids.size();
        } catch (IOException e) {
            throw new WorkerException(describe() + ": the jobs of server " + server + " could not be cancelled: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException(describe() + ": interrupted while cancelling the jobs of server " + server, e);
        }
    }

    @Override
    public WorkerSession open(WorkerRun run) throws WorkerException {
        return SlurmSession.open(this, run);
    }
}
