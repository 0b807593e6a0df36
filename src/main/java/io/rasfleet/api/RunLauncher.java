package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Starts, stops and restarts runs' jobs: the run's row first, then its JBeret job, whose execution
 * the row records. The resources only read requests and shape answers.
 */
@ApplicationScoped
public class RunLauncher {

    static final String JOB = "ras-run";

    @Inject
    RunStore runs;

    @Inject
    RunReads reads;

    /** JBeret's operator; a test hands in its own. */
    Supplier<JobOperator> jobs = BatchRuntime::getJobOperator;

    public RunLauncher() {
    }

    /** A launcher outside the container (tests). */
    RunLauncher(RunStore runs, RunReads reads, Supplier<JobOperator> jobs) {
        this.runs = runs;
        this.reads = reads;
        this.jobs = jobs;
    }

    /** A run's id and its job execution, as the start and restart answers show them. */
    record Launched(long id, long jobExecutionId) {
    }

    /** Records {@code run} and starts its job; refused when another run still writes some of its plans' results. */
    Launched start(NewRun request) {
        RunEntity run = request.run();
        synchronized (RunLauncher.class) {
            refuseOverlap(run.getProjectFile(), request.plans());
            runs.create(run);
        }
        Properties parameters = new Properties();
        parameters.setProperty("runId", Long.toString(run.getId()));
        long execution = jobs.get().start(JOB, parameters);
        runs.job(run.getId(), execution, jobs.get().getJobInstance(execution).getInstanceId(), "STARTING");
        return new Launched(run.getId(), execution);
    }

    /** Asks the run's job to stop. */
    void stop(RunEntity run) {
        try {
            jobs.get().stop(run.getJobExecutionId());
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            throw ApiException.conflict("run " + run.getId() + " is not running (" + run.getStatus() + ")");
        }
    }

    /**
     * Starts the run's job again, for the plans that did not succeed. {@code maxAttempts} (null: keep)
     * raises the attempts each plan may have in all; counted across restarts, raising it is how a
     * plan that used them all gets another go.
     */
    Launched restart(RunEntity run, Integer maxAttempts) {
        runs.runningElsewhere(run.getId()).ifPresent(why -> {
            throw ApiException.conflict("run " + run.getId() + " cannot be restarted here: " + why
                    + "; wait until that server ends it, or until its lease expires if it has died");
        });
        if (maxAttempts != null) {
            if (maxAttempts < run.getMaxAttempts()) {
                throw ApiException.badRequest("maxAttempts " + maxAttempts + " is below the run's " + run.getMaxAttempts()
                        + ": a restart may raise it, never lower it");
            }
            runs.maxAttempts(run.getId(), maxAttempts);
        }
        Properties parameters = new Properties();
        parameters.setProperty("runId", Long.toString(run.getId()));
        long execution;
        try {
            execution = jobs.get().restart(run.getJobExecutionId(), parameters);
        } catch (JobRestartException | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw ApiException.conflict("run " + run.getId() + " cannot be restarted now (" + run.getStatus() + "): "
                    + e.getMessage());
        }
        runs.job(run.getId(), execution, null, "STARTING");
        return new Launched(run.getId(), execution);
    }

    private void refuseOverlap(String projectFile, List<PlanId> plans) {
        Set<String> wanted = plans.stream().map(PlanId::digits).collect(Collectors.toSet());
        for (RunEntity active : reads.active()) {
            RunEntity current = JobStatus.refresh(runs, active);
            if (!current.getProjectFile().equals(projectFile) || !List.of("STARTING", "STARTED", "STOPPING").contains(current.getStatus())) {
                continue;
            }
            Set<String> theirs = new LinkedHashSet<>(List.of(current.getRequestedPlans().split(",")));
            theirs.retainAll(wanted);
            if (!theirs.isEmpty()) {
                throw ApiException.conflict("run " + current.getId() + " is still writing the results of plans "
                        + String.join(", ", theirs) + " of " + projectFile);
            }
        }
    }
}
