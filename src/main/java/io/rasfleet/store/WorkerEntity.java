package io.rasfleet.store;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.Workers;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.StringReader;

/**
 * A configured worker as the database keeps it: the fields every worker has in columns, its type's
 * own settings as one JSON text written and read by the type's provider, so that a new type needs no
 * new column. {@link #toSpec()} validates it on the way out. No secret is kept here: a password is
 * named by its credential store alias.
 */
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

    private Integer maxRuntimeMinutes;
    private boolean autoclean = true;

    /** The type's settings, {@link io.rasfleet.worker.WorkerSettings#fields()} as JSON text. */
    @Column(length = 16000)
    private String settings;

    public static WorkerEntity of(WorkerSpec spec) {
        WorkerEntity e = new WorkerEntity();
        e.name = spec.name();
        e.update(spec);
        return e;
    }

    public void update(WorkerSpec spec) {
        workerType = spec.type();
        enabled = spec.enabled();
        coresTotal = spec.coresTotal();
        coresPerPlan = spec.coresPerPlan();
        queuePriority = spec.queuePriority();
        processPriority = spec.processPriority().label();
        workerFolder = spec.workerFolder();
        maxRuntimeMinutes = spec.maxRuntimeMinutes();
        autoclean = spec.autoclean();
        settings = spec.settings().fields().toString();
    }

    public WorkerSpec toSpec() {
        return new WorkerSpec(name, enabled, coresTotal, coresPerPlan, queuePriority, ProcessPriority.parse(processPriority),
                workerFolder, maxRuntimeMinutes, autoclean, Workers.provider(workerType).settings(new JsonFields(name, settings())));
    }

    /**
     * A row written before the settings had their column has none: refused as such, never read as a
     * worker without settings (a local one would then look for HEC-RAS by version instead of the
     * program it was saved with).
     */
    private JsonObject settings() {
        if (settings == null || settings.isBlank()) {
            throw new io.rasfleet.worker.WorkerConfigException("settings", "worker " + name + " was saved by an older rasfleet"
                    + " without its " + workerType + " settings: save it again (PUT /api/workers/" + name + ")");
        }
        try (JsonReader reader = Json.createReader(new StringReader(settings))) {
            return reader.readObject();
        }
    }

    public String getName() { return name; }
}
