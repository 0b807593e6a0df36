package io.rasfleet.batch;

import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step 3: the run's workers cleaned up, the report written beside the project, and the job's exit
 * status set ("4 of 5 plans succeeded", "0 of 1 plans succeeded, 4 skipped (results current)"). A
 * run with a plan neither succeeded nor skipped ends FAILED, so that it can be restarted once the
 * cause is fixed.
 */
@Named
@Dependent
public class CollectBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    RunCoordinator coordinator;

    @Inject
    RunStore runs;

    @Override
    public String process() throws Exception {
        long runId = RunIds.of(job);
        // the workers are done: clean them before the report, so that it is written once they are
        coordinator.close(runId, job.getExecutionId());
        RunEntity run = runs.findWithAttempts(runId).orElseThrow();
        long succeeded = count(run, PlanRunEntity.State.SUCCEEDED);
        long skipped = count(run, PlanRunEntity.State.SKIPPED);
        long ran = run.getPlans().size() - skipped;
        boolean all = succeeded == ran;
        String exit = succeeded + " of " + ran + " plans succeeded" + (skipped == 0 ? "" : ", " + skipped + " skipped (results current)");
        RunReport.write(run, all ? "COMPLETED" : "FAILED", exit);
        runs.finish(runId, all ? "COMPLETED" : "FAILED", exit);
        job.setExitStatus(exit);
        return all ? "ALL_SUCCEEDED" : "SOME_FAILED";
    }

    private static long count(RunEntity run, PlanRunEntity.State state) {
        return run.getPlans().stream().filter(p -> p.getState() == state).count();
    }
}
