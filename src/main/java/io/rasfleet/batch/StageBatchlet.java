package io.rasfleet.batch;

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

    @Override
    public String process() {
        String staged = coordinator.stage(RunIds.of(job));
        job.setExitStatus(staged);
        return "STAGED";
    }
}
