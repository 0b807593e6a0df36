package io.rasfleet.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * This installation's one row: the id the first server made and every later start and peer reads,
 * so that what the servers leave outside the database (a cluster's job names) is told apart from
 * another installation's sharing the same account and server names.
 */
@Entity
@Table(name = "RASFLEET_INSTALLATION")
public class InstallationEntity {

    /** Always {@link #ONLY}: the table holds one row. */
    static final int ONLY = 1;

    @Id
    private int slot;

    @Column(name = "install_id", nullable = false, length = 32)
    private String installId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected InstallationEntity() {
    }

    InstallationEntity(String installId, Instant createdAt) {
        this.slot = ONLY;
        this.installId = installId;
        this.createdAt = createdAt;
    }

    public String getInstallId() {
        return installId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
