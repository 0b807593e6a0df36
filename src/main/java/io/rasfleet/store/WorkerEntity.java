package io.rasfleet.store;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.RemoteSettings;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A configured worker as the database keeps it; {@link #toSpec()} validates it on the way out. */
@Entity
@Table(name = "rf_worker")
public class WorkerEntity {

    @Id
    @Column(length = 64)
    private String name;

    @Version
    private long version;

    @Column(nullable = false, length = 20)
    private String workerType;

    private boolean enabled = true;
    private int coresTotal;
    private int coresPerPlan;
    private int queuePriority;

    @Column(length = 20)
    private String processPriority;

    @Column(length = 4000)
    private String workerFolder;

    @Column(length = 4000)
    private String rasExePath;

    private Integer maxRuntimeMinutes;
    private boolean autoclean = true;

    // SSH and Docker settings (RemoteSettings); null for a local worker. No secret is kept here.
    @Column(length = 255)
    private String hostname;
    private Integer port;
    @Column(length = 64)
    private String username;
    @Column(length = 4000)
    private String sshKeyPath;
    @Column(length = 4000)
    private String knownHostsPath;
    @Column(length = 80)
    private String hostKeyFingerprint;
    @Column(length = 128)
    private String credentialAlias;
    @Column(length = 4000)
    private String rasEnginePath;
    private Boolean preprocessOnHost;
    @Column(length = 255)
    private String dockerImage;
    @Column(length = 400)
    private String dockerHost;
    @Column(length = 4000)
    private String dockerCertPath;
    private Double cpuLimit;
    @Column(length = 20)
    private String memoryLimit;
    @Column(length = 1000)
    private String sharePath;
    private Integer sessionId;
    @Column(length = 4000)
    private String psexecPath;

    public static WorkerEntity of(WorkerSpec spec) {
        WorkerEntity e = new WorkerEntity();
        e.name = spec.name();
        e.update(spec);
        return e;
    }

    public void update(WorkerSpec spec) {
        workerType = spec.type().configName();
        enabled = spec.enabled();
        coresTotal = spec.coresTotal();
        coresPerPlan = spec.coresPerPlan();
        queuePriority = spec.queuePriority();
        processPriority = spec.processPriority().label();
        workerFolder = spec.workerFolder();
        rasExePath = spec.rasExePath();
        maxRuntimeMinutes = spec.maxRuntimeMinutes();
        autoclean = spec.autoclean();
        RemoteSettings r = spec.remote();
        hostname = r.hostname();
        port = r.port();
        username = r.username();
        sshKeyPath = r.sshKeyPath();
        knownHostsPath = r.knownHostsPath();
        hostKeyFingerprint = r.hostKeyFingerprint();
        credentialAlias = r.credentialAlias();
        rasEnginePath = r.rasEnginePath();
        preprocessOnHost = r.preprocessOnHost();
        dockerImage = r.dockerImage();
        dockerHost = r.dockerHost();
        dockerCertPath = r.dockerCertPath();
        cpuLimit = r.cpuLimit();
        memoryLimit = r.memoryLimit();
        sharePath = r.sharePath();
        sessionId = r.sessionId();
        psexecPath = r.psexecPath();
    }

    public WorkerSpec toSpec() {
        return new WorkerSpec(name, WorkerType.parse(workerType), enabled, coresTotal, coresPerPlan, queuePriority,
                ProcessPriority.parse(processPriority), workerFolder, rasExePath, maxRuntimeMinutes, autoclean,
                new RemoteSettings(hostname, port, username, sshKeyPath, knownHostsPath, hostKeyFingerprint, credentialAlias, rasEnginePath,
                        Boolean.TRUE.equals(preprocessOnHost), dockerImage, dockerHost, dockerCertPath, cpuLimit, memoryLimit, sharePath,
                        sessionId, psexecPath));
    }

    public String getName() { return name; }
}
