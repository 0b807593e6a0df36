package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.TransactionalPlanClaims;
import io.rasfleet.store.RunReads;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.TransactionalRunReads;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.TestDatabase;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.runtime.JobInstance;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Starting a run's job: what becomes of the run when JBeret cannot start it. */
class RunLauncherTest {

    private static final String PROJECT = "/projects/Muncie/Muncie.prj";

    /** A JBeret that refuses every start, as it does when its job repository cannot be written. */
    private static JobOperator refusing(String why) {
        return (JobOperator) Proxy.newProxyInstance(JobOperator.class.getClassLoader(), new Class<?>[] {JobOperator.class},
                (proxy, method, args) -> {
                    throw new JobStartException(why);
                });
    }

    /** A JBeret that starts every job, numbering executions and instances from 1, and records every other call. */
    private static JobOperator starting(AtomicLong executions) {
        return (JobOperator) Proxy.newProxyInstance(JobOperator.class.getClassLoader(), new Class<?>[] {JobOperator.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "start" -> executions.incrementAndGet();
                    case "getJobInstance" -> (JobInstance) Proxy.newProxyInstance(JobInstance.class.getClassLoader(),
                            new Class<?>[] {JobInstance.class}, (p, m, a) -> m.getName().equals("getInstanceId") ? (long) args[0]
                                    : m.getName().equals("getJobName") ? RunLauncher.JOB : null);
                    default -> throw new AssertionError("unexpected " + method.getName() + Arrays.toString(args));
                });
    }

    /** A JBeret that starts and restarts every job, numbering executions from 1, and keeps each restart's parameters. */
    private static JobOperator restarting(AtomicLong executions, Map<Long, Properties> restarts) {
        return (JobOperator) Proxy.newProxyInstance(JobOperator.class.getClassLoader(), new Class<?>[] {JobOperator.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "restart" -> {
                        restarts.put((Long) args[0], (Properties) args[1]);
                        yield executions.incrementAndGet();
                    }
                    default -> method.invoke(starting(executions), args);
                });
    }

    private static NewRun newRun(String... plans) {
        RunEntity run = TransactionalRunStore.requested(PROJECT, plans);
        return new NewRun(run, Arrays.stream(plans).map(PlanId::parse).toList());
    }

    @Test
    void aRunWhoseJobCannotStartEndsFailedWithTheReasonAndLeavesItsPlansFree() {
        try (TestDatabase db = TestDatabase.h2()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            RunLauncher broken = new RunLauncher(runs, reads, new TransactionalPlanClaims(db.factory()), () -> refusing("the job repository cannot be written"));

            ApiException refused = assertThrows(ApiException.class, () -> broken.start(newRun("01", "02")));
            assertEquals(500, refused.status());
            assertTrue(refused.getMessage().contains("the job repository cannot be written"), refused.getMessage());
            RunEntity failed = reads.page(1, null).runs().get(0);
            assertEquals("FAILED", failed.getStatus());
            assertTrue(failed.getExitStatus().contains("the job repository cannot be written"), failed.getExitStatus());
            assertNotNull(failed.getEndedAt(), "the run has ended");
            assertTrue(refused.getMessage().contains("run " + failed.getId()), refused.getMessage());

            AtomicLong executions = new AtomicLong();
            RunLauncher.Launched next = new RunLauncher(runs, reads, new TransactionalPlanClaims(db.factory()), () -> starting(executions)).start(newRun("02", "03"));
            assertEquals(1, next.jobExecutionId(), "the failed run's plan 02 is free for the next run");
        }
    }

    @Test
    void stopAndRestartOfARunThatNeverStartedItsJobAnswerConflictSayingWhy() {
        try (TestDatabase db = TestDatabase.h2()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            RunLauncher broken = new RunLauncher(runs, reads, new TransactionalPlanClaims(db.factory()), () -> refusing("no batch thread pool"));
            assertThrows(ApiException.class, () -> broken.start(newRun("01")));
            RunEntity failed = reads.page(1, null).runs().get(0);

            AtomicLong executions = new AtomicLong();
            RunLauncher launcher = new RunLauncher(runs, reads, new TransactionalPlanClaims(db.factory()), () -> starting(executions));
            for (Runnable call : List.<Runnable>of(() -> launcher.stop(failed), () -> launcher.restart(failed, null))) {
                ApiException answer = assertThrows(ApiException.class, call::run);
                assertEquals(409, answer.status(), answer.getMessage());
                assertTrue(answer.getMessage().contains("never started") && answer.getMessage().contains("no batch thread pool"),
                        answer.getMessage());
            }
            assertEquals(0, executions.get(), "JBeret was asked nothing");
        }
    }

    /**
     * JBeret's own guess whether a STARTED execution is still alive ("detect") takes any ras-run job
     * definition it has cached for proof: a server that has started or restarted one job of its
     * own refuses, for ever, to restart an execution a dead or cut-off peer left STARTED
     * (JBERET000647). A peer's execution is alive only while its leases are, which the restart checks
     * itself; so a restart of an execution another server launched asks JBeret to force it, and a
     * restart of one this server launched keeps JBeret's guess (that execution may run here).
     */
    @Test
    void aRestartOfAnExecutionAnotherServerLaunchedIsForcedAndOneLaunchedHereIsNot() {
        try (TestDatabase db = TestDatabase.h2()) {
            RunStore runsA = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunStore runsB = new TransactionalRunStore(db.factory(), "server-b", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            AtomicLong executions = new AtomicLong();
            Map<Long, Properties> restarts = new HashMap<>();
            RunLauncher alpha = new RunLauncher(runsA, reads, new TransactionalPlanClaims(db.factory()), () -> restarting(executions, restarts));
            RunLauncher beta = new RunLauncher(runsB, reads, new TransactionalPlanClaims(db.factory()), () -> restarting(executions, restarts));

            RunLauncher.Launched onAlpha = alpha.start(newRun("01"));
            RunLauncher.Launched ownOnBeta = beta.start(newRun("02"));
            // both runs ended as far as the store knows (JBeret's own status is the fake's business here)
            runsA.finish(onAlpha.id(), "FAILED", "cut off");
            runsB.finish(ownOnBeta.id(), "FAILED", "a plan failed");

            RunLauncher.Launched takenOver = beta.restart(reads.find(onAlpha.id()).orElseThrow(), null);
            assertEquals("force", restarts.get(onAlpha.jobExecutionId()).getProperty(RunLauncher.RESTART_MODE),
                    "beta restarts alpha's execution whatever JBeret guesses from its own cache");
            beta.restart(reads.find(ownOnBeta.id()).orElseThrow(), null);
            assertNull(restarts.get(ownOnBeta.jobExecutionId()).getProperty(RunLauncher.RESTART_MODE),
                    "an execution beta launched itself is left to JBeret's guess: it may still run in this JVM");

            runsB.finish(takenOver.id(), "FAILED", "beta died");
            alpha.restart(reads.find(takenOver.id()).orElseThrow(), null);
            assertEquals("force", restarts.get(takenOver.jobExecutionId()).getProperty(RunLauncher.RESTART_MODE),
                    "and back: alpha restarts the execution beta launched on restart");
        }
    }
}
