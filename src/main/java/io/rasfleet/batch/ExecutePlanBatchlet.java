package io.rasfleet.batch;

import io.rasfleet.store.RunStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step 2, one partition: one plan run to its end on the run's workers ({@link PlanRunner}). */
@Named
@Dependent
public class ExecutePlanBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String plan;

    @Inject
    RunStore runs;

    @Inject
    io.rasfleet.store.AttemptStore attempts;

    @Inject
    RunCoordinator coordinator;

    @Override
    public String process() throws Exception {
        if (plan == null || plan.isEmpty()) {
            return "NOTHING_TO_RUN";
        }
        long runId = RunIds.of(job);
        RunContext context = coordinator.context(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " was not staged in this server"));
        return new PlanRunner(runs, attempts, coordinator::lost, coordinator.live()).run(context, plan);
    }

    @Override
    public void stop() {
        coordinator.stop(RunIds.of(job), "the run was stopped");
    }
}
