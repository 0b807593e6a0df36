package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
}
