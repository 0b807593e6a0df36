package io.rasfleet.store;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One plan of a run: where it stands, on which worker, after how many attempts. */
@Entity
@Table(name = "rf_plan_run", uniqueConstraints = @UniqueConstraint(columnNames = {"run_id", "plan"}))
public class PlanRunEntity {

    /** SKIPPED: not run, because the run asked to skip plans whose results were current and this one's were ({@code note} says why). */
    public enum State { PENDING, RUNNING, SUCCEEDED, FAILED, STOPPED, SKIPPED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "run_id")
    private RunEntity run;

    @Column(nullable = false, length = 2)
    private String plan;

    @Column(length = 500)
    private String title;

    @Column(nullable = false, length = 12)
    private String state = State.PENDING.name();

    @Column(length = 100)
    private String worker;

    private int attempts;
    private Instant startedAt;
    private Instant endedAt;
    private Double executionSeconds;
    private Double progress;

    /** The run time expected before the plan started ({@code schedule.RuntimeEstimator}), and where it came from. */
    private Double expectedSeconds;

    @Column(length = 30)
    private String expectedSource;

    /** The plan's time steps times cells when it was staged ({@code project.ModelSize}): this server's rate is learned from it. */
    private Double modelWork;

    @Column(length = 4000)
    private String hdfPath;

    @Column(length = 20)
    private String verdict;

    @Column(length = 4000)
    private String error;

    /** Why a server left the plan alone without an attempt (another server held its lease), for the run's page and report. */
    @Column(length = 1000)
    private String note;

    /** Why a running plan still waits in its worker's own queue (Slurm's reason, such as {@code Priority}); null once it computes. */
    @Column(length = 200)
    private String queued;

    /** The server that owns the plan's current attempt, with {@link #epoch} its {@link OwnerToken}. */
    @Column(length = 255)
    private String owner;

    /** The plan's lease epoch: raised by each attempt started on it, so that an older owner's writes match no row. */
    private Long epoch;

    @OneToMany(mappedBy = "planRun", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    private List<AttemptEntity> attemptRecords = new ArrayList<>();

    public Long getId() { return id; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public long getEpoch() { return epoch == null ? 0 : epoch; }
    public void setEpoch(long epoch) { this.epoch = epoch; }
    public RunEntity getRun() { return run; }
    public void setRun(RunEntity run) { this.run = run; }
    public String getPlan() { return plan; }
    public void setPlan(String plan) { this.plan = plan; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public State getState() { return State.valueOf(state); }
    public void setState(State state) { this.state = state.name(); }
    public String getWorker() { return worker; }
    public void setWorker(String worker) { this.worker = worker; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public void setEndedAt(Instant endedAt) { this.endedAt = endedAt; }
    public Double getExecutionSeconds() { return executionSeconds; }
    public void setExecutionSeconds(Double executionSeconds) { this.executionSeconds = executionSeconds; }
    public Double getProgress() { return progress; }
    public void setProgress(Double progress) { this.progress = progress; }
    public String getHdfPath() { return hdfPath; }
    public void setHdfPath(String hdfPath) { this.hdfPath = hdfPath; }
    public String getVerdict() { return verdict; }
    public void setVerdict(String verdict) { this.verdict = verdict; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public List<AttemptEntity> getAttemptRecords() { return attemptRecords; }
    public String getQueued() { return queued; }
    public void setQueued(String queued) { this.queued = queued; }
    public Double getExpectedSeconds() { return expectedSeconds; }
    public void setExpectedSeconds(Double expectedSeconds) { this.expectedSeconds = expectedSeconds; }
    public String getExpectedSource() { return expectedSource; }
    public void setExpectedSource(String expectedSource) { this.expectedSource = expectedSource; }
    public Double getModelWork() { return modelWork; }
    public void setModelWork(Double modelWork) { this.modelWork = modelWork; }

    /**
     * Seconds left of a running plan: from HEC-RAS's progress when it reported some (the time so far
     * over the fraction done), else the expected time less the time so far; null when neither is known.
     */
    public Double secondsLeft(Instant now) {
        if (getState() != State.RUNNING || startedAt == null) {
            return null;
        }
        double elapsed = java.time.Duration.between(startedAt, now).toMillis() / 1000.0;
        if (progress != null && progress > 0.01) {
            return Math.max(0, elapsed * (1 - progress) / progress);
        }
        return expectedSeconds == null ? null : Math.max(0, expectedSeconds - elapsed);
    }

    /** The plan as the API and the run report show it (without its attempts). */
    public java.util.Map<String, Object> view() {
        java.util.Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("plan", plan);
        view.put("title", title);
        view.put("state", state);
        view.put("worker", worker);
        view.put("attempts", attempts);
        view.put("startedAt", startedAt == null ? null : startedAt.toString());
        view.put("endedAt", endedAt == null ? null : endedAt.toString());
        view.put("executionSeconds", executionSeconds);
        view.put("progress", progress);
        view.put("queued", queued);
        view.put("expectedSeconds", expectedSeconds);
        view.put("expectedSource", expectedSource);
        view.put("secondsLeft", secondsLeft(Instant.now()));
        view.put("hdfPath", hdfPath);
        view.put("verdict", verdict);
        view.put("error", error);
        view.put("note", note);
        return view;
    }
}
