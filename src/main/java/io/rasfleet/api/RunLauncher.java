package io.rasfleet.api;

import io.rasfleet.project.PlanId;
import io.rasfleet.store.PlanClaims;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.PlansClaimedException;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Starts, stops and restarts runs' jobs: the run's row first, then its JBeret job, whose execution
 * the row records. The resources only read requests and shape answers.
 */
@ApplicationScoped
public class RunLauncher {

    static final String JOB = "ras-run";
    /** JBeret's restart parameter ({@code org.jberet.spi.PropertyKey.RESTART_MODE}) for an execution left STARTED. */
    static final String RESTART_MODE = "jberet.restart.mode";

    @Inject
    RunStore runs;

    @Inject
    RunReads reads;

    @Inject
    PlanClaims claims;

    /**
     * The job executions this server launched (started or restarted) in this life. JBeret's own
     * guess whether a STARTED execution is alive ("detect") takes any ras-run job definition it has
     * cached for proof, so a server that has launched one job refuses for ever to restart an
     * execution a dead or cut-off peer left STARTED (JBERET000647). Only an execution launched here
     * may be alive here; one launched elsewhere is alive only while its server's leases are, which
     * {@link #restart} checks before it asks JBeret to force the restart.
     */
    private final java.util.Set<Long> launchedHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** JBeret's operator; a test hands in its own. */
    Supplier<JobOperator> jobs = BatchRuntime::getJobOperator;

    public RunLauncher() {
    }

    /** A launcher outside the container (tests). */
    RunLauncher(RunStore runs, RunReads reads, PlanClaims claims, Supplier<JobOperator> jobs) {
        this.runs = runs;
        this.reads = reads;
        this.claims = claims;
        this.jobs = jobs;
    }

    /** A run's id and its job execution, as the start and restart answers show them. */
    record Launched(long id, long jobExecutionId) {
    }

    /** Records {@code run} and starts its job; refused when another run still writes some of its plans' results. */
    Launched start(NewRun request) {
        RunEntity run = request.run();
        List<String> plans = request.plans().stream().map(PlanId::digits).toList();
        refreshHolders(run.getProjectFile(), plans);
        try {
            claims.create(run, plans);
        } catch (PlansClaimedException e) {
            throw conflict(e, run.getProjectFile());
        }
        Properties parameters = parameters(run.getId());
        long execution;
        try {
            execution = jobs.get().start(JOB, parameters);
        } catch (RuntimeException e) {
            throw failedStart(run.getId(), e);
        }
        launchedHere.add(execution);
        runs.job(run.getId(), execution, jobs.get().getJobInstance(execution).getInstanceId(), "STARTING");
        return new Launched(run.getId(), execution);
    }

    /**
     * A run whose job JBeret would not start ends FAILED with the reason, so that it never sticks
     * as STARTING holding its plans; the answer says so.
     */
    private ApiException failedStart(long runId, RuntimeException e) {
        String why = "its job could not be started: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        runs.finish(runId, "FAILED", why.length() > 4000 ? why.substring(0, 4000) : why);
        claims.release(runId);
        io.rasfleet.log.RasfleetLogger.LOG.runStartFailed(runId, e);
        return new ApiException(500, "run " + runId + " failed: " + why + "; its plans are free for another run");
    }

    /** A run without a job execution cannot be stopped or restarted: say why instead of asking JBeret about nothing. */
    private static void requireJob(RunEntity run, String action) {
        if (run.getJobExecutionId() != null) {
            return;
        }
        if ("STARTING".equals(run.getStatus())) {
            throw ApiException.conflict("run " + run.getId() + " cannot be " + action + " yet: its job is being started");
        }
        throw ApiException.conflict("run " + run.getId() + " cannot be " + action + ": its job never started ("
                + run.getStatus() + (run.getExitStatus() == null ? "" : ", " + run.getExitStatus()) + ")");
    }

    /** Asks the run's job to stop. */
    void stop(RunEntity run) {
        requireJob(run, "stopped");
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
        requireJob(run, "restarted");
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
        List<String> plans = unfinished(run);
        refreshHolders(run.getProjectFile(), plans);
        try {
            claims.claim(run.getId(), run.getProjectFile(), plans);
        } catch (PlansClaimedException e) {
            throw conflict(e, run.getProjectFile());
        }
        Properties parameters = parameters(run.getId());
        if (!launchedHere.contains(run.getJobExecutionId())) {
            // launched by a peer or by this server's previous life, and no live lease of another server is on it (above)
            parameters.setProperty(RESTART_MODE, "force");
        }
        long execution;
        try {
            execution = jobs.get().restart(run.getJobExecutionId(), parameters);
        } catch (JobRestartException | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw ApiException.conflict("run " + run.getId() + " cannot be restarted now (" + run.getStatus() + "): "
                    + e.getMessage());
        }
        launchedHere.add(execution);
        runs.job(run.getId(), execution, null, "STARTING");
        return new Launched(run.getId(), execution);
    }

    /** The job's parameters: the run it works for. */
    private static Properties parameters(long runId) {
        Properties parameters = new Properties();
        parameters.setProperty("runId", Long.toString(runId));
        return parameters;
    }

    /** The plans a restart may write: those not yet succeeded (all requested ones when staging never listed them). */
    private static List<String> unfinished(RunEntity run) {
        if (run.getPlans().isEmpty()) {
            return List.of(run.getRequestedPlans().split(","));
        }
        return run.getPlans().stream().filter(p -> p.getState() != PlanRunEntity.State.SUCCEEDED).map(PlanRunEntity::getPlan).toList();
    }

    /**
     * Brings the status of the runs holding these plans in line with JBeret's before claiming: a run
     * stopped or crashed may not have recorded its end, and its claims are free once it has ended.
     */
    private void refreshHolders(String projectFile, List<String> plans) {
        for (long holder : claims.holders(projectFile, plans)) {
            reads.find(holder).filter(r -> PlanClaims.GOING.contains(r.getStatus())).ifPresent(r -> JobStatus.refresh(runs, r));
        }
    }

    /** 409 naming the run that holds the plans; a claim that won a race just now is named by reading it once it is committed. */
    private ApiException conflict(PlansClaimedException e, String projectFile) {
        if (e.holder() != null) {
            return ApiException.conflict(e.getMessage());
        }
        List<Long> holders = claims.holders(projectFile, e.plans()).stream().sorted().toList();
        return ApiException.conflict((holders.isEmpty() ? "another run" : "run " + holders.get(0))
                + " is still writing the results of plans " + String.join(", ", e.plans()) + " of " + projectFile);
    }
}
