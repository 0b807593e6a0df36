package io.rasfleet.store;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to run a project's plans, with the settings it was started with and its JBeret job.
 * No version column: the API and the batch job both write its status, each a fact of its own, and
 * the latest is right (RunStore writes them as single-column updates).
 */
@Entity
@Table(name = "rf_run")
public class RunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 4000)
    private String projectFile;

    private Long jobExecutionId;
    private Long jobInstanceId;

    /** JBeret's batch status name of the latest execution, kept for listing without a JBeret lookup. */
    @Column(length = 20)
    private String status;

    private Integer numCores;
    private boolean clearGeompre;
    private boolean autoclean = true;
    private int maxAttempts = 2;
    private int timeoutMinutes = 480;
    /** Nullable, so that update can add the columns to a table with rows: null is false. */
    private Boolean skipCurrent;
    private Boolean forced;
    /** ras-commander's {@code force_geompre}; nullable like the flags above, null is false. */
    private Boolean forceGeompre;
    /** ras-commander's {@code copy_geometry_outputs}; nullable so that update can add it, null is its default, true. */
    private Boolean copyGeometryOutputs;
    /** How many of the run's plans may compute at once (ras-commander's {@code max_concurrent}); null: as many as there are slots. */
    private Integer maxConcurrent;
    /** Higher runs' plans take free slots first; nullable like the flags above, null is 0. */
    private Integer priority;

    /** The plans asked for ("01,03"), comma separated. */
    @Column(length = 400, nullable = false)
    private String requestedPlans;

    /** The worker names asked for, comma separated; empty for every enabled worker. */
    @Column(length = 4000)
    private String workers;

    @Column(length = 200)
    private String startedBy;

    private Instant createdAt;
    private Instant endedAt;

    @Column(length = 4000)
    private String exitStatus;

    @OneToMany(mappedBy = "run", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("plan")
    private List<PlanRunEntity> plans = new ArrayList<>();

    public Long getId() { return id; }
    public String getProjectFile() { return projectFile; }
    public void setProjectFile(String projectFile) { this.projectFile = projectFile; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public void setJobExecutionId(Long jobExecutionId) { this.jobExecutionId = jobExecutionId; }
    public Long getJobInstanceId() { return jobInstanceId; }
    public void setJobInstanceId(Long jobInstanceId) { this.jobInstanceId = jobInstanceId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Integer getNumCores() { return numCores; }
    public void setNumCores(Integer numCores) { this.numCores = numCores; }
    public boolean isClearGeompre() { return clearGeompre; }
    public void setClearGeompre(boolean clearGeompre) { this.clearGeompre = clearGeompre; }
    public boolean isAutoclean() { return autoclean; }
    public void setAutoclean(boolean autoclean) { this.autoclean = autoclean; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public int getTimeoutMinutes() { return timeoutMinutes; }
    public void setTimeoutMinutes(int timeoutMinutes) { this.timeoutMinutes = timeoutMinutes; }
    public boolean isSkipCurrent() { return Boolean.TRUE.equals(skipCurrent); }
    public void setSkipCurrent(boolean skipCurrent) { this.skipCurrent = skipCurrent; }
    public boolean isForce() { return Boolean.TRUE.equals(forced); }
    public boolean isForceGeompre() { return Boolean.TRUE.equals(forceGeompre); }
    public void setForceGeompre(boolean forceGeompre) { this.forceGeompre = forceGeompre; }
    public boolean isCopyGeometryOutputs() { return !Boolean.FALSE.equals(copyGeometryOutputs); }
    public void setCopyGeometryOutputs(boolean copyGeometryOutputs) { this.copyGeometryOutputs = copyGeometryOutputs; }
    public void setForce(boolean force) { this.forced = force; }
    public String getWorkers() { return workers; }
    public void setWorkers(String workers) { this.workers = workers; }
    public String getStartedBy() { return startedBy; }
    public void setStartedBy(String startedBy) { this.startedBy = startedBy; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getEndedAt() { return endedAt; }
    public void setEndedAt(Instant endedAt) { this.endedAt = endedAt; }
    public String getExitStatus() { return exitStatus; }
    public void setExitStatus(String exitStatus) { this.exitStatus = exitStatus; }
    public List<PlanRunEntity> getPlans() { return plans; }
    public String getRequestedPlans() { return requestedPlans; }
    public void setRequestedPlans(String requestedPlans) { this.requestedPlans = requestedPlans; }

    public List<String> workerNames() {
        return workers == null || workers.isBlank() ? List.of() : List.of(workers.split(","));
    }
    public Integer getMaxConcurrent() { return maxConcurrent; }
    public void setMaxConcurrent(Integer maxConcurrent) { this.maxConcurrent = maxConcurrent; }
    public int getPriority() { return priority == null ? 0 : priority; }
    public void setPriority(int priority) { this.priority = priority; }
}
