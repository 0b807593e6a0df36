package io.rasfleet.batch;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Every end of a run's execution (all plans done, failed, or stopped, which never reaches the
 * collect step) closes its context: plans ended, run folders, volumes and snapshots removed on the
 * workers (with autoclean), scratch folders here removed, the context forgotten.
 */
@Named
@Dependent
public class RunEndListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    RunCoordinator coordinator;

    @Override
    public void afterJob() {
        coordinator.close(RunIds.of(job), job.getExecutionId());
    }
}
