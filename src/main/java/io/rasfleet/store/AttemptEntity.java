package io.rasfleet.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One try at one plan on one worker: failure is data. While it runs it holds the process's pid and
 * start so that a server started after a crash can find and end it.
 */
@Entity
@Table(name = "rf_attempt")
public class AttemptEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_run_id")
    private PlanRunEntity planRun;

    private int number;

    @Column(length = 100)
    private String worker;

    @Column(length = 255)
    private String host;

    /** The rasfleet server that ran it: only that server may call it lost after a restart. */
    @Column(length = 255)
    private String node;

    /** The plan's lease epoch this attempt started under: with {@link #node} its {@link OwnerToken}. */
    private Long epoch;

    /** RUNNING until it ends; then the worker's outcome kind (SUCCEEDED, MODEL_FAILED, ...). */
    @Column(length = 20)
    private String outcome;

    @Column(length = 20)
    private String verdict;

    @Column(length = 4000)
    private String reason;

    private Integer exitCode;
    private Long pid;
    private Instant processStart;
    private Instant startedAt;
    private Instant endedAt;
    /** Until when the server that runs it vouches for it; renewed while it runs, see {@link AttemptStore#renewLeases}. */
    private Instant leaseUntil;

    @Lob
    @Column(length = 1_000_000)
    private String messages;

    public Long getId() { return id; }
    public long getEpoch() { return epoch == null ? 0 : epoch; }
    public void setEpoch(long epoch) { this.epoch = epoch; }
    public PlanRunEntity getPlanRun() { return planRun; }
    public void setPlanRun(PlanRunEntity planRun) { this.planRun = planRun; }
    public int getNumber() { return number; }
    public void setNumber(int number) { this.number = number; }
    public String getWorker() { return worker; }
    public void setWorker(String worker) { this.worker = worker; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public String getNode() { return node; }
    public void setNode(String node) { this.node = node; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getVerdict() { return verdict; }
    public void setVerdict(String verdict) { this.verdict = verdict; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public Integer getExitCode() { return exitCode; }
    public void setExitCode(Integer exitCode) { this.exitCode = exitCode; }
    public Long getPid() { return pid; }
    public void setPid(Long pid) { this.pid = pid; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(Instant leaseUntil) { this.leaseUntil = leaseUntil; }
    public Instant getProcessStart() { return processStart; }
    public void setProcessStart(Instant processStart) { this.processStart = processStart; }
    public Instant getStartedAt() { return startedAt; }
    public void setStartedAt(Instant startedAt) { this.startedAt = startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public void setEndedAt(Instant endedAt) { this.endedAt = endedAt; }
    public String getMessages() { return messages; }
    public void setMessages(String messages) { this.messages = messages; }

    /** The attempt as the API and the run report show it: who, where, how it ended and why (no messages). */
    public java.util.Map<String, Object> view() {
        return new Summary(null, number, worker, host, outcome, verdict, reason, exitCode, startedAt, endedAt).view();
    }

    /**
     * The columns of an attempt that its view shows, read by a projection ({@link RunStore#findForView})
     * so that a read of a run neither loads the compute messages nor makes one query per plan.
     */
    public record Summary(String plan, Integer number, String worker, String host, String outcome, String verdict,
                          String reason, Integer exitCode, Instant startedAt, Instant endedAt) {

        public java.util.Map<String, Object> view() {
            java.util.Map<String, Object> attempt = new java.util.LinkedHashMap<>();
            attempt.put("number", number);
            attempt.put("worker", worker);
            attempt.put("host", host);
            attempt.put("outcome", outcome);
            attempt.put("verdict", verdict);
            attempt.put("reason", reason);
            attempt.put("exitCode", exitCode);
            attempt.put("startedAt", startedAt == null ? null : startedAt.toString());
            attempt.put("endedAt", endedAt == null ? null : endedAt.toString());
            return attempt;
        }
    }
}
