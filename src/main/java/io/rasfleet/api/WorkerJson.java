package io.rasfleet.api;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.RemoteSettings;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerType;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A worker in JSON, with the field names of ras-commander's {@code RemoteWorkers.json}, so that its
 * users can bring their file ({@code RASFLEET_WORKERS}) and their habits. Fields a type does not
 * use are left out of what the API answers.
 */
@JsonbPropertyOrder({"name", "worker_type", "enabled", "cores_total", "cores_per_plan", "queue_priority",
        "process_priority", "worker_folder", "ras_exe_path", "max_runtime_minutes", "autoclean", "hostname", "port",
        "username", "ssh_key_path", "known_hosts_path", "host_key_fingerprint", "credential_alias", "ras_engine_path", "preprocess_on_host",
        "docker_image", "docker_host", "docker_cert_path", "cpu_limit", "memory_limit", "share_path", "session_id", "psexec_path", "healthy"})
public class WorkerJson {
    public String name;
    @JsonbProperty("worker_type")
    public String workerType;
    public Boolean enabled;
    @JsonbProperty("cores_total")
    public Integer coresTotal;
    @JsonbProperty("cores_per_plan")
    public Integer coresPerPlan;
    @JsonbProperty("queue_priority")
    public Integer queuePriority;
    @JsonbProperty("process_priority")
    public String processPriority;
    @JsonbProperty("worker_folder")
    public String workerFolder;
    @JsonbProperty("ras_exe_path")
    public String rasExePath;
    @JsonbProperty("max_runtime_minutes")
    public Integer maxRuntimeMinutes;
    public Boolean autoclean;
    public String hostname;
    public Integer port;
    public String username;
    @JsonbProperty("ssh_key_path")
    public String sshKeyPath;
    @JsonbProperty("known_hosts_path")
    public String knownHostsPath;
    @JsonbProperty("host_key_fingerprint")
    public String hostKeyFingerprint;
    @JsonbProperty("credential_alias")
    public String credentialAlias;
    @JsonbProperty("ras_engine_path")
    public String rasEnginePath;
    @JsonbProperty("preprocess_on_host")
    public Boolean preprocessOnHost;
    @JsonbProperty("docker_image")
    public String dockerImage;
    @JsonbProperty("docker_host")
    public String dockerHost;
    @JsonbProperty("docker_cert_path")
    public String dockerCertPath;
    @JsonbProperty("cpu_limit")
    public Double cpuLimit;
    @JsonbProperty("memory_limit")
    public String memoryLimit;
    @JsonbProperty("share_path")
    public String sharePath;
    @JsonbProperty("session_id")
    public Integer sessionId;
    @JsonbProperty("psexec_path")
    public String psexecPath;
    /**
     * Answers only: false while the worker gets no plans because it could not be reached, until a
     * check passes again. Ignored in what is sent.
     */
    public Boolean healthy;
    /** ras-commander's switch for PsExec's {@code -s}: refused, HEC-RAS hangs without a desktop. */
    @JsonbProperty("system_account")
    public Boolean systemAccount;

    WorkerJson withHealth(boolean value) {
        healthy = value;
        return this;
    }

    public static WorkerJson of(WorkerSpec spec) {
        WorkerJson json = new WorkerJson();
        json.name = spec.name();
        json.workerType = spec.type().configName();
        json.enabled = spec.enabled();
        json.coresTotal = spec.coresTotal();
        json.coresPerPlan = spec.coresPerPlan();
        json.queuePriority = spec.queuePriority();
        json.processPriority = spec.processPriority().label();
        json.workerFolder = spec.workerFolder();
        json.rasExePath = spec.rasExePath();
        json.maxRuntimeMinutes = spec.maxRuntimeMinutes();
        json.autoclean = spec.autoclean();
        RemoteSettings r = spec.remote();
        json.hostname = r.hostname();
        json.port = r.port();
        json.username = r.username();
        json.sshKeyPath = r.sshKeyPath();
        json.knownHostsPath = r.knownHostsPath();
        json.hostKeyFingerprint = r.hostKeyFingerprint();
        json.credentialAlias = r.credentialAlias();
        json.rasEnginePath = r.rasEnginePath();
        json.preprocessOnHost = spec.type() == WorkerType.LOCAL ? null : r.preprocessOnHost();
        json.dockerImage = r.dockerImage();
        json.dockerHost = r.dockerHost();
        json.dockerCertPath = r.dockerCertPath();
        json.cpuLimit = r.cpuLimit();
        json.memoryLimit = r.memoryLimit();
        json.sharePath = r.sharePath();
        json.sessionId = r.sessionId();
        json.psexecPath = r.psexecPath();
        return json;
    }

    /** The spec, validated; a bad value is refused naming its field. */
    public WorkerSpec toSpec() {
        ProcessPriority priority;
        try {
            priority = ProcessPriority.parse(processPriority);
        } catch (IllegalArgumentException e) {
            throw new WorkerConfigException("process_priority", e.getMessage());
        }
        int total = required("cores_total", coresTotal);
        if (Boolean.TRUE.equals(systemAccount)) {
            throw new WorkerConfigException("system_account", "system_account is refused for worker " + name + ": HEC-RAS started"
                    + " as SYSTEM has no desktop and hangs without a word; give the session_id of a logged-in user");
        }
        RemoteSettings remote = new RemoteSettings(hostname, port, username, sshKeyPath, knownHostsPath, hostKeyFingerprint,
                credentialAlias, rasEnginePath, preprocessOnHost != null && preprocessOnHost, dockerImage, dockerHost, dockerCertPath, cpuLimit,
                memoryLimit, sharePath, sessionId, psexecPath);
        return new WorkerSpec(name, WorkerType.parse(workerType), enabled == null || enabled, total,
                coresPerPlan == null ? 1 : coresPerPlan, queuePriority == null ? 0 : queuePriority, priority,
                workerFolder, rasExePath, maxRuntimeMinutes, autoclean == null || autoclean, remote);
    }

    private int required(String field, Integer value) {
        if (value == null) {
            throw new WorkerConfigException(field, field + " is required for worker " + name);
        }
        return value;
    }
}
