package io.rasfleet.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 2, one partition: one plan run to its end on the run's workers. */
@Named
@Dependent
public class ExecutePlanBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String plan;

    @Inject
    PlanRunner runner;

    @Inject
    RunCoordinator coordinator;

    @Override
    public String process() throws Exception {
        if (plan == null || plan.isEmpty()) {
            return "NOTHING_TO_RUN";
        }
        return runner.run(RunIds.of(job), plan);
    }

    @Override
    public void stop() {
        coordinator.stop(RunIds.of(job), "the run was stopped");
    }
}
