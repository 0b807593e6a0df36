package io.rasfleet.batch;

import jakarta.batch.runtime.context.JobContext;

/** The run a job execution works for: the job property {@code runId}, from the job parameters. */
final class RunIds {

    private RunIds() {
    }

    static long of(JobContext job) {
        String value = job.getProperties().getProperty("runId");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("job " + job.getExecutionId() + " was started without a runId parameter");
        }
        return Long.parseLong(value);
    }
}
