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
 * @param queueTimeoutMinutes how long a plan may wait in the cluster's queue before it is given up; null waits as long as it takes
 * @param rasEnginePath      the folder of HEC-RAS's Linux engine on the compute nodes
 * @param scratch            a node-local folder the job computes in, copying in and back; null for none
 * @param sbatchOptions      extra {@code sbatch} options, see {@link SbatchOptions}
 * @param cacheLimitMb       what the cache of project files in {@code worker_folder} may hold, in MiB; the default when absent
 * @param preprocessOnHost   plans without compute inputs get them from a Windows-capable worker first, as on SSH and Docker workers
 * @param pollSeconds        how often the server lists its jobs on the cluster and reads their progress; 10 s when absent
 *
 * The common {@code cores_per_plan} becomes {@code --cpus-per-task} and {@code max_runtime_minutes}
 * {@code --time} (Slurm counts it from when the job starts computing); {@code cores_total} is
 * not needed: the slots are {@code max_jobs}.
 */
public record SlurmSettings(String hostname, Integer port, String username, SshLogin login, String partition,
        String account, String qos, String memoryPerPlan, Integer maxJobs, Integer queueTimeoutMinutes, String rasEnginePath,
        String scratch, List<String> sbatchOptions, Integer cacheLimitMb, boolean preprocessOnHost, Integer pollSeconds)
        implements WorkerSettings {

    public static final String TYPE = "slurm";

    /** Slurm's names for partitions, accounts and QOS: words only, as they go on command lines. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,9}[KMGT]?");

    /** How often jobs are listed and progress read when {@code poll_seconds} is absent: an admin's usual courtesy to the controller. */
    public static final int DEFAULT_POLL_SECONDS = 10;

    public SlurmSettings {
        login = login == null ? SshLogin.NONE : login;
        sbatchOptions = sbatchOptions == null ? List.of() : List.copyOf(sbatchOptions);
    }

    /** Settings without {@code preprocess_on_host}, polling at the default interval. */
    public SlurmSettings(String hostname, Integer port, String username, SshLogin login, String partition, String account, String qos,
            String memoryPerPlan, Integer maxJobs, Integer queueTimeoutMinutes, String rasEnginePath, String scratch,
            List<String> sbatchOptions, Integer cacheLimitMb) {
        this(hostname, port, username, login, partition, account, qos, memoryPerPlan, maxJobs, queueTimeoutMinutes, rasEnginePath,
                scratch, sbatchOptions, cacheLimitMb, false, null);
    }

    /** How often the server lists its jobs on this cluster (one {@code squeue} for all of them) and reads their progress. */
    public java.time.Duration pollInterval() {
        return java.time.Duration.ofSeconds(pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds);
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
                .add("preprocess_on_host", preprocessOnHost).add("poll_seconds", pollSeconds);
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
     * {@code cores} per job, and {@code minutes} as {@code --time} (none: the partition's default).
     */
    public List<String> sbatchArguments(int cores, Integer minutes) {
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
        if (minutes != null) {
            args.add("--time=" + minutes);
        }
        args.addAll(sbatchOptions);
        return args;
    }
}
