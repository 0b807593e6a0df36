package io.rasfleet.batch;

import io.rasfleet.store.RunStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 1: the run's plans checked against the project, recorded, and its snapshot taken. */
@Named
@Dependent
public class StageBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    RunCoordinator coordinator;

    @Inject
    RunStore runs;

    @Override
    public String process() {
        long runId = RunIds.of(job);
        // A restart from WildFly's console or CLI makes an execution our API did not start: record it.
        runs.job(runId, job.getExecutionId(), job.getInstanceId(), "STARTED");
        String staged = coordinator.stage(runId, job.getExecutionId());
        job.setExitStatus(staged);
        return "STAGED";
    }
}
