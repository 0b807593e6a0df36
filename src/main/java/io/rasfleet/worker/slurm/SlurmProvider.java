package io.rasfleet.worker.slurm;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerProvider;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import java.util.ArrayList;
import java.util.List;

/** The {@code slurm} worker type. */
public final class SlurmProvider implements WorkerProvider {

    @Override
    public String type() {
        return SlurmSettings.TYPE;
    }

    @Override
    public List<String> fields() {
        List<String> fields = new ArrayList<>(List.of("hostname", "port", "username"));
        fields.addAll(SshLogin.FIELDS);
        fields.addAll(List.of("partition", "account", "qos", "memory_per_plan", "max_jobs", "queue_timeout_minutes",
                "ras_engine_path", "scratch", "sbatch_options", "cache_limit_mb", "preprocess_on_host", "poll_seconds"));
        return List.copyOf(fields);
    }

    @Override
    public WorkerSettings settings(JsonFields json) {
        return new SlurmSettings(json.string("hostname"), json.integer("port"), json.string("username"), SshLogin.read(json),
                json.string("partition"), json.string("account"), json.string("qos"), json.string("memory_per_plan"),
                json.integer("max_jobs"), json.integer("queue_timeout_minutes"), json.string("ras_engine_path"),
                json.string("scratch"), SlurmSettings.readOptions(json), json.integer("cache_limit_mb"),
                json.flag("preprocess_on_host", false), json.integer("poll_seconds"));
    }

    @Override
    public Worker worker(WorkerSpec spec) {
        return new SlurmWorker(spec);
    }
}
