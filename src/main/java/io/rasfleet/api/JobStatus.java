package io.rasfleet.api;

import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import java.util.Map;
import java.util.Set;

/** The store's run status brought in line with JBeret's, which knows about stops and crashes the job did not record. */
final class JobStatus {

    private JobStatus() {
    }

    /** Batch statuses that do not change unless the run is restarted, which records its new status itself. */
    private static final Set<String> FINAL_STATUSES = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    /** When each active run's status was last compared with JBeret's: once a second is enough for every reader. */
    private static final Map<Long, Long> JOB_CHECKED_AT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long JOB_CHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** Whether to read JBeret's repository for the run now: never for a run that ended, at most once a second for others. */
    private static boolean due(RunEntity run) {
        if (FINAL_STATUSES.contains(run.getStatus())) {
            JOB_CHECKED_AT.remove(run.getId());
            return false;
        }
        long now = System.nanoTime();
        Long last = JOB_CHECKED_AT.get(run.getId());
        if (last != null && now - last < JOB_CHECK_NANOS) {
            return false;
        }
        return last == null ? JOB_CHECKED_AT.putIfAbsent(run.getId(), now) == null : JOB_CHECKED_AT.replace(run.getId(), last, now);
    }

    static RunEntity refresh(RunStore runs, RunEntity run) {
        if (run.getJobExecutionId() == null || !due(run)) {
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
