package io.rasfleet.worker.slurm;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.ssh.SshLogin;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Slurm cluster reached through a login node over SSH, or directly when {@code hostname} is
 * absent (the app server is itself a submit host).
 *
 * @param hostname           the login node; null when the app server submits itself
 * @param port               the SSH port, 22 when absent
 * @param username           the cluster user jobs run as (with {@code hostname})
 * @param login              its key or password alias, and the host keys to trust
 * @param partition          {@code --partition}
 * @param account            {@code --account}, when the cluster wants one
 * @param qos                {@code --qos}, when given
 * @param memoryPerPlan      {@code --mem}, in Slurm's own spelling ({@code 4G}, {@code 2000M})
 * @param maxJobs            how many of our plans may be queued or running on the cluster at once: the worker's slots
 * @param queueTimeoutMinutes how long a plan may wait in the cluster's queue before {@code queueTimeoutAction} applies; null waits as long as it takes
 * @param rasEnginePath      the folder of HEC-RAS's Linux engine on the compute nodes
 * @param scratch            a node-local folder the job computes in, copying in and back; null for none
 * @param sbatchOptions      extra {@code sbatch} options, see {@link SbatchOptions}
 * @param cacheLimitMb       what the cache of project files in {@code worker_folder} may hold, in MiB; the default when absent
 * @param preprocessOnHost   plans without compute inputs get them from a Windows-capable worker first, as on SSH and Docker workers
 * @param pollSeconds        how often the server lists its jobs on the cluster and reads their progress; 10 s when absent
 * @param queueTimeoutAction {@code report} (absent) or {@code cancel}: what a wait past {@code queueTimeoutMinutes} does
 *
 * The common {@code cores_per_plan} becomes {@code --cpus-per-task}; the attempt's time limit
 * (the run's, capped by {@code max_runtime_minutes}) becomes {@code --time} with a margin
 * ({@link #jobMinutes}); {@code cores_total} is not needed: the slots are {@code max_jobs}.
 */
public record SlurmSettings(String hostname, Integer port, String username, SshLogin login, String partition,
        String account, String qos, String memoryPerPlan, Integer maxJobs, Integer queueTimeoutMinutes, String rasEnginePath,
        String scratch, List<String> sbatchOptions, Integer cacheLimitMb, boolean preprocessOnHost, Integer pollSeconds,
        String queueTimeoutAction)
        implements WorkerSettings {

    public static final String TYPE = "slurm";

    /** Slurm's names for partitions, accounts and QOS: words only, as they go on command lines. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,9}[KMGT]?");

    /** How often jobs are listed and progress read when {@code poll_seconds} is absent: an admin's usual courtesy to the controller. */
    public static final int DEFAULT_POLL_SECONDS = 10;

    /** {@code queue_timeout_action}: a plan that waited past {@code queue_timeout_minutes} keeps its place and says so. */
    public static final String REPORT = "report";
    /** {@code queue_timeout_action}: such a plan's job is cancelled and the plan tried again as a machine failure. */
    public static final String CANCEL = "cancel";

    /**
     * How long before Slurm's time limit the job's script gets TERM ({@code --signal=B:TERM@90}): it
     * ends its engine step and removes its node-local scratch copy (a HEC-RAS project of a few GB:
     * seconds on a local disk, tens of seconds on a busy one) before the limit's TERM and, after
     * the cluster's {@code KillWait}, KILL. The batch shell alone ({@code B:}) is signalled: the
     * engine is its child and its trap ends it.
     */
    public static final Duration GRACE = Duration.ofSeconds(90);
    /** Slurm sends a {@code --signal} up to 60 s before the time asked for (the resolution of its event handling). */
    static final Duration SIGNAL_RESOLUTION = Duration.ofSeconds(60);

    public SlurmSettings {
        login = login == null ? SshLogin.NONE : login;
        sbatchOptions = sbatchOptions == null ? List.of() : List.copyOf(sbatchOptions);
        queueTimeoutAction = queueTimeoutAction == null ? REPORT : queueTimeoutAction;
    }

    /** Settings that report a long wait in the queue rather than cancel. */
    public SlurmSettings(String hostname, Integer port, String username, SshLogin login, String partition, String account, String qos,
            String memoryPerPlan, Integer maxJobs, Integer queueTimeoutMinutes, String rasEnginePath, String scratch,
            List<String> sbatchOptions, Integer cacheLimitMb, boolean preprocessOnHost, Integer pollSeconds) {
        this(hostname, port, username, login, partition, account, qos, memoryPerPlan, maxJobs, queueTimeoutMinutes, rasEnginePath,
                scratch, sbatchOptions, cacheLimitMb, preprocessOnHost, pollSeconds, null);
    }

    /** Settings without {@code preprocess_on_host}, polling at the default interval. */
    public SlurmSettings(String hostname, Integer port, String username, SshLogin login, String partition, String account, String qos,
            String memoryPerPlan, Integer maxJobs, Integer queueTimeoutMinutes, String rasEnginePath, String scratch,
            List<String> sbatchOptions, Integer cacheLimitMb) {
        this(hostname, port, username, login, partition, account, qos, memoryPerPlan, maxJobs, queueTimeoutMinutes, rasEnginePath,
                scratch, sbatchOptions, cacheLimitMb, false, null, null);
    }

    /** True when a plan that waited past {@code queue_timeout_minutes} is cancelled rather than reported. */
    public boolean cancelsLongWaits() {
        return CANCEL.equals(queueTimeoutAction);
    }

    /**
     * Slurm's {@code --time} for an attempt whose own limit is {@code limit}, in whole minutes: the
     * server ends the attempt at its limit (seen computing up to one poll late), so Slurm's limit
     * lies past that by the poll, the {@link #GRACE} and the signal's resolution. Slurm's limit is
     * the backstop for a server that is gone; while it is there, its own limit always comes first
     * and is reported as such, never as a job that died of TERM.
     */
    public long jobMinutes(Duration limit) {
        long seconds = limit.plus(pollInterval()).plus(GRACE).plus(SIGNAL_RESOLUTION).toSeconds();
        return (seconds + 59) / 60;
    }

    /** How often the server lists its jobs on this cluster (one {@code squeue} for all of them) and reads their progress. */
    public Duration pollInterval() {
        return Duration.ofSeconds(pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The app server is itself a submit host: no login node. */
    public boolean local() {
        return hostname == null;
    }

    public int portOrDefault() {
        return port == null ? 22 : port;
    }

    @Override
    public java.util.OptionalInt slots() {
        return maxJobs == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(maxJobs);
    }

    public long cacheLimitBytes() {
        return SettingChecks.cacheLimitBytes(cacheLimitMb);
    }

    @Override
    public void validate(String worker) {
        if (hostname != null) {
            SettingChecks.host(worker, hostname, port);
            SshLogin.checkUser(worker, username, "username");
            login.validate(worker);
        } else if (port != null || username != null || login.given()) {
            String field = port != null ? "port" : username != null ? "username" : "ssh_key_path";
            throw new WorkerConfigException(field, field + " of worker " + worker
                    + " needs hostname (the login node); without hostname the app server submits jobs itself");
        }
        name(worker, "partition", partition, true);
        name(worker, "account", account, false);
        name(worker, "qos", qos, false);
        if (maxJobs == null) {
            throw new WorkerConfigException("max_jobs", "max_jobs is required for worker " + worker
                    + ": how many of its plans may be queued or running on the cluster at once (its slots)");
        }
        SlurmProvider.MAX_JOBS.checkRange(worker, maxJobs);
        SlurmProvider.QUEUE_TIMEOUT_MINUTES.checkRange(worker, queueTimeoutMinutes);
        SlurmProvider.POLL_SECONDS.checkRange(worker, pollSeconds);
        if (!REPORT.equals(queueTimeoutAction) && !CANCEL.equals(queueTimeoutAction)) {
            throw new WorkerConfigException("queue_timeout_action", "queue_timeout_action '" + queueTimeoutAction + "' of worker " + worker
                    + " must be report (a plan that waited queue_timeout_minutes keeps its place and says so) or cancel");
        }
        SettingChecks.cacheLimit(worker, cacheLimitMb);
        if (memoryPerPlan != null && !MEMORY.matcher(memoryPerPlan).matches()) {
            throw new WorkerConfigException("memory_per_plan", "memory_per_plan '" + memoryPerPlan + "' of worker " + worker
                    + " must be a size as sbatch --mem takes it, such as 4G or 2000M");
        }
        SettingChecks.absolutePosix(worker, "ras_engine_path", rasEnginePath);
        if (scratch != null) {
            SettingChecks.absolutePosix(worker, "scratch", scratch);
        }
        SbatchOptions.validate(worker, sbatchOptions);
    }

    private static void name(String worker, String field, String value, boolean required) {
        if (value == null && !required) {
            return;
        }
        SettingChecks.text(worker, field, value);
        if (!NAME.matcher(value).matches()) {
            throw new WorkerConfigException(field, field + " '" + value + "' of worker " + worker
                    + " is not a Slurm name (letters, digits, '_', '.', '-')");
        }
    }

    @Override
    public String workerFolder(String worker, String given) {
        return SettingChecks.posixWorkerFolder(worker, given);
    }

    /** {@code sbatch_options}: an array of strings, refused by its field otherwise. */
    static List<String> readOptions(JsonFields json) {
        JsonValue value = json.json().get("sbatch_options");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        String of = json.worker() == null ? "" : " of worker " + json.worker();
        if (!(value instanceof JsonArray array)) {
            throw new WorkerConfigException("sbatch_options", "sbatch_options" + of + " must be an array of strings");
        }
        List<String> options = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString text)) {
                throw new WorkerConfigException("sbatch_options", "sbatch_options" + of + " must hold strings only, not " + item);
            }
            options.add(text.getString());
        }
        return options;
    }

    @Override
    public JsonObject fields() {
        JsonFields.Writer out = JsonFields.writer().add("hostname", hostname).add("port", port).add("username", username);
        login.addTo(out).add("partition", partition).add("account", account).add("qos", qos)
                .add("memory_per_plan", memoryPerPlan).add("max_jobs", maxJobs)
                .add("queue_timeout_minutes", queueTimeoutMinutes)
                .add("ras_engine_path", rasEnginePath).add("scratch", scratch).add("cache_limit_mb", cacheLimitMb)
                .add("preprocess_on_host", preprocessOnHost).add("poll_seconds", pollSeconds)
                .add("queue_timeout_action", queueTimeoutAction);
        JsonObject built = out.build();
        if (sbatchOptions.isEmpty()) {
            return built;
        }
        JsonArrayBuilder options = Json.createArrayBuilder();
        sbatchOptions.forEach(options::add);
        return Json.createObjectBuilder(built).add("sbatch_options", options).build();
    }

    /**
     * The options every job of this worker is submitted with, before its name, comment and script:
     * {@code cores} per job, {@code limit} (the attempt's time limit) as {@code --time} with the
     * margin of {@link #jobMinutes} (none: the partition's default), TERM to the script
     * {@link #GRACE} before Slurm's limit, and {@code --export=NONE} unless {@code sbatch_options}
     * says otherwise: the app server's environment (which may hold secrets) stays out of the job;
     * the script sets what the engine needs itself ({@link JobScript}).
     */
    public List<String> sbatchArguments(int cores, Duration limit) {
        List<String> args = new ArrayList<>(List.of("--parsable", "--partition=" + partition));
        if (account != null) {
            args.add("--account=" + account);
        }
        if (qos != null) {
            args.add("--qos=" + qos);
        }
        args.add("--cpus-per-task=" + cores);
        args.add("--ntasks=1");
        if (memoryPerPlan != null) {
            args.add("--mem=" + memoryPerPlan);
        }
        if (limit != null) {
            args.add("--time=" + jobMinutes(limit));
        }
        args.add("--signal=B:TERM@" + GRACE.toSeconds());
        if (sbatchOptions.stream().noneMatch(o -> o.equals("--export") || o.startsWith("--export="))) {
            args.add("--export=NONE");
        }
        args.addAll(sbatchOptions);
        return args;
    }
}
