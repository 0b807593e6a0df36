package io.rasfleet.batch;

import io.rasfleet.project.PlanId;
import io.rasfleet.schedule.BatchThreadPool;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;

/**
 * One partition per plan not yet succeeded, longest expected first, as many at once as the run has
 * slots. On a restart the plan is made anew, so that plans that succeeded are not run again.
 */
@Named
@Dependent
public class PlanPartitionMapper implements PartitionMapper {

    @Inject
    JobContext job;

    @Inject
    RunCoordinator coordinator;

    @Override
    public PartitionPlan mapPartitions() {
        return partitions(RunIds.of(job));
    }

    /** The run's partitions and how many of them JBeret runs at once ({@code threads}). */
    PartitionPlan partitions(long runId) {
        List<PlanId> plans = coordinator.unfinished(runId);
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitionsOverride(true);
        if (plans.isEmpty()) {
            // A partitioned step needs a partition; this one finds nothing to do.
            plan.setPartitions(1);
            plan.setThreads(1);
            plan.setPartitionProperties(new Properties[] {properties("")});
            return plan;
        }
        Properties[] properties = new Properties[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            properties[i] = properties(plans.get(i).digits());
        }
        plan.setPartitions(plans.size());
        int threads = Math.min(Math.min(plans.size(), coordinator.slots(runId)), BatchThreadPool.size() - BatchThreadPool.OVERHEAD);
        plan.setThreads(Math.max(1, threads));
        plan.setPartitionProperties(properties);
        return plan;
    }

    private static Properties properties(String plan) {
        Properties p = new Properties();
        p.setProperty("plan", plan);
        return p;
    }
}
