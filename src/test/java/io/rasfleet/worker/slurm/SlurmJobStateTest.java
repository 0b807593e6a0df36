package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.AttemptRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmJobStateTest {

    @Test
    void pendingJobIsQueuedWithSlurmsReasonAndItsCommentKeepsItsSpaces() {
        List<SlurmJobState> jobs = SlurmJobState.parse("""
                17|PENDING|Resources||rasfleet app-1 run-4 p01-a1
                18|RUNNING|None|node7|(null)

                """);
        assertEquals(2, jobs.size());
        SlurmJobState pending = jobs.get(0);
        assertEquals(17, pending.jobId());
        assertTrue(pending.queued());
        assertFalse(pending.running());
        assertEquals("Resources", pending.reason());
        assertEquals("rasfleet app-1 run-4 p01-a1", pending.comment());
        assertTrue(jobs.get(1).running());
        assertEquals("", jobs.get(1).reason());
        assertEquals("", jobs.get(1).comment());
        assertEquals("node7", jobs.get(1).nodes());
    }

    @Test
    void lineThatIsNotAJobIsRefusedQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SlurmJobState.parse("slurm_load_jobs error: Unable to contact slurm controller"));
        assertTrue(e.getMessage().contains("Unable to contact"), e.getMessage());
    }

    @Test
    void clusterSideEndsAreMachineFailuresAndLimitsAreSaidInWords() {
        for (String state : List.of("NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "REQUEUED", "CANCELLED")) {
            assertTrue(SlurmJobState.machineFailure(state).contains(state.equals("CANCELLED") ? "cancelled" : state), state);
        }
        assertNull(SlurmJobState.machineFailure("COMPLETED"));
        assertTrue(SlurmJobState.limitReached("OUT_OF_MEMORY").contains("memory_per_plan"));
        assertTrue(SlurmJobState.limitReached("TIMEOUT").contains("max_runtime_minutes"));
        assertNull(SlurmJobState.limitReached("FAILED"));
    }

    @Test
    void jobNameIsTheInstallationsAndTheServersAndTheCommentNamesRunAndAttempt() {
        assertEquals("rasfleet-k3x9q2ab-app-1", SlurmJobName.of("k3x9q2ab", "app-1"));
        io.rasfleet.worker.Installation.install("k3x9q2ab");
        assertEquals("rasfleet-k3x9q2ab-app-1", SlurmJobName.of("app-1"));
        AttemptRef attempt = new AttemptRef("app-1", 7, "p03-a2");
        assertEquals("rasfleet app-1 run-7 p03-a2", SlurmJobName.comment(attempt));
        assertEquals(java.util.Optional.of(attempt), SlurmJobName.attempt(SlurmJobName.comment(attempt)), "a job's comment names its attempt again");
        assertEquals(java.util.Optional.empty(), SlurmJobName.attempt("rasfleet app-1 scratch-removal"), "a scratch removal is no attempt's");
    }

    @Test
    void aControllerThatDidNotAnswerIsToldApartFromOneThatSaidNo() {
        assertTrue(ControllerCalls.noAnswer("slurm_load_jobs error: Socket timed out on send/recv operation"));
        assertTrue(ControllerCalls.noAnswer("squeue: error: Unable to contact slurm controller (connect failure)"));
        assertTrue(ControllerCalls.noAnswer("scancel: error: Kill job error on job id 12: Socket timed out on send/recv operation"));
        assertTrue(ControllerCalls.noAnswer("squeue did not answer within 60 s"));
        assertTrue(ControllerCalls.noAnswer("sbatch: error: Batch job submission failed: Resource temporarily unavailable"));
        assertFalse(ControllerCalls.noAnswer("slurm_load_jobs error: Invalid job id specified"));
        assertFalse(ControllerCalls.noAnswer("sbatch: error: Batch job submission failed: Invalid partition name specified"));
        assertFalse(ControllerCalls.noAnswer("squeue: error: Invalid user: nobody2"));
    }

    @Test
    void aFailedOrRebootedNodeIsAvoidedAndAPreemptionRetriedAsItIs() {
        assertTrue(SlurmJobState.nodeFailure("NODE_FAIL"));
        assertTrue(SlurmJobState.nodeFailure("BOOT_FAIL"));
        assertFalse(SlurmJobState.nodeFailure("PREEMPTED"));
        assertFalse(SlurmJobState.nodeFailure("CANCELLED"));
        assertTrue(SlurmJobState.preempted("PREEMPTED"));
        assertFalse(SlurmJobState.preempted("NODE_FAIL"));
    }
}
