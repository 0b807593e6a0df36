package io.rasfleet.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One project plan claimed by the run that writes its results. The database keeps one row per
 * project and plan ({@code rf_plan_claim_once}), so two servers starting runs of the same plans at
 * once cannot both get them; see {@link PlanClaims}.
 */
@Entity
@Table(name = "rf_plan_claim", uniqueConstraints = @UniqueConstraint(name = "rf_plan_claim_once",
        columnNames = {"project_key", "plan"}))
public class PlanClaimEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The SHA-256 of the project file's path: a project path may be longer than an index entry can be. */
    @Column(name = "project_key", nullable = false, length = 64)
    private String projectKey;

    @Column(name = "plan", nullable = false, length = 3)
    private String plan;

    @Column(name = "run_id", nullable = false)
    private long runId;

    protected PlanClaimEntity() {
    }

    PlanClaimEntity(String projectKey, String plan, long runId) {
        this.projectKey = projectKey;
        this.plan = plan;
        this.runId = runId;
    }

    public String getPlan() { return plan; }
    public long getRunId() { return runId; }
}
