package io.rasfleet.api;

import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;

/** The store's run status brought in line with JBeret's, which knows about stops and crashes the job did not record. */
final class JobStatus {

    private JobStatus() {
    }

    static RunEntity refresh(RunStore runs, RunEntity run) {
        if (run.getJobExecutionId() == null) {
            return run;
        }
        try {
            JobExecution execution = BatchRuntime.getJobOperator().getJobExecution(run.getJobExecutionId());
            String status = execution.getBatchStatus().name();
            if (!status.equals(run.getStatus())) {
                java.util.Date end = execution.getEndTime();
                runs.status(run.getId(), run.getJobExecutionId(), status, end == null ? null : execution.getExitStatus(),
                        end == null ? null : end.toInstant());
                return runs.find(run.getId()).orElse(run);
            }
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            // the job repository no longer knows it (an in-memory repository after a restart): keep ours
        }
        return run;
    }
}
