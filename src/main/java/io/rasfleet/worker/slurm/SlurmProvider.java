package io.rasfleet.worker.slurm;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.SettingField;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import java.util.ArrayList;
import java.util.List;

/** The {@code slurm} worker type. */
public final class SlurmProvider implements WorkerProvider {

    static final SettingField HOSTNAME = SettingField.text("hostname",
            "the login node; absent when the app server submits jobs itself");
    static final SettingField USERNAME = SettingField.text("username", "the cluster user jobs run as (with hostname)");
    static final SettingField PARTITION = SettingField.text("partition", "sbatch --partition").mandatory();
    static final SettingField ACCOUNT = SettingField.text("account", "sbatch --account, when the cluster wants one");
    static final SettingField QOS = SettingField.text("qos", "sbatch --qos, when given");
    static final SettingField MEMORY_PER_PLAN = SettingField.text("memory_per_plan", "sbatch --mem, such as 4G or 2000M");
    static final SettingField MAX_JOBS = SettingField.whole("max_jobs",
            "how many of its plans may be queued or running on the cluster at once (its slots)").range(1, null).mandatory();
    static final SettingField QUEUE_TIMEOUT_MINUTES = SettingField.whole("queue_timeout_minutes",
            "after how long a wait in the cluster's queue queue_timeout_action applies; never when absent").range(1, null);
    static final SettingField QUEUE_TIMEOUT_ACTION = SettingField.text("queue_timeout_action",
            "report: a plan past queue_timeout_minutes keeps its place in the queue and says so; cancel: its job is cancelled"
                    + " and the plan tried again").oneOf(SlurmSettings.REPORT, SlurmSettings.CANCEL).defaultsTo(SlurmSettings.REPORT);
    static final SettingField RAS_ENGINE_PATH = SettingField.text("ras_engine_path",
            "the folder of HEC-RAS's Linux engine on the compute nodes").mandatory();
    static final SettingField SCRATCH = SettingField.text("scratch", "a node-local folder the job computes in; none when absent");
    static final SettingField PREPROCESS_ON_HOST = SettingField.flag("preprocess_on_host", false,
            "make missing compute inputs for the Linux engine with a Windows-capable worker first");
    static final SettingField POLL_SECONDS = SettingField.whole("poll_seconds",
            "how often the server lists its jobs on the cluster and reads their progress (default 10)").range(1, null);
    static final SettingField SBATCH_OPTIONS = SettingField.list("sbatch_options", "extra sbatch options, such as [\"--exclusive\"]");

    @Override
    public String type() {
        return SlurmSettings.TYPE;
    }

    @Override
    public List<SettingField> fields() {
        List<SettingField> fields = new ArrayList<>(List.of(HOSTNAME, SettingChecks.PORT, USERNAME));
        fields.addAll(SshLogin.FIELDS);
        fields.addAll(List.of(PARTITION, ACCOUNT, QOS, MEMORY_PER_PLAN, MAX_JOBS, QUEUE_TIMEOUT_MINUTES, QUEUE_TIMEOUT_ACTION, RAS_ENGINE_PATH,
                SCRATCH,
                SBATCH_OPTIONS, SettingChecks.CACHE_LIMIT_MB, PREPROCESS_ON_HOST, POLL_SECONDS));
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new SlurmSettings(json.string(HOSTNAME), json.integer(SettingChecks.PORT), json.string(USERNAME), SshLogin.read(json),
                json.string(PARTITION), json.string(ACCOUNT), json.string(QOS), json.string(MEMORY_PER_PLAN),
                json.integer(MAX_JOBS), json.integer(QUEUE_TIMEOUT_MINUTES), json.string(RAS_ENGINE_PATH),
                json.string(SCRATCH), SlurmSettings.readOptions(json), json.integer(SettingChecks.CACHE_LIMIT_MB),
                json.flag(PREPROCESS_ON_HOST), json.integer(POLL_SECONDS), json.string(QUEUE_TIMEOUT_ACTION));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new SlurmWorker(spec);
    }
}
