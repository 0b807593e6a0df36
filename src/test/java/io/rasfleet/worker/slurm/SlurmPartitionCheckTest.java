package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Slurm;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.ssh.SshLogin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against a real slurmctld and slurmd on loopback ({@link Slurm}). */
class SlurmPartitionCheckTest {

    private static io.rasfleet.worker.WorkerSpec settings(String partition, int minutes) {
        return io.rasfleet.testing.WorkerSpecs.of("hpc", new SlurmSettings(null, null, null, SshLogin.NONE, partition, null, null, null,
                2, 5, "/opt/ras", null, List.of(), null)).cores(2, 1).folder("/tmp/rasfleet-hpc").maxRuntimeMinutes(minutes).build();
    }

    @Test
    void partitionWithItsNodeUpAndAcceptedOptionsPass() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings(Slurm.PARTITION, 5), new LocalSubmitHost(Slurm.cluster().environment()));
        assertEquals(4, items.size());
        assertTrue(items.get(0).ok(), items.get(0).detail());
        assertTrue(items.get(0).detail().contains("1 node(s) up"), items.get(0).detail());
        assertTrue(items.get(1).ok(), items.get(1).detail());
        assertTrue(items.get(2).ok(), items.get(2).detail());
        assertTrue(items.get(3).ok(), items.get(3).detail());
    }

    /** ras-commander's default of 4 cores per plan on a cluster of 2-CPU nodes: the job would pend for ever (PartitionConfig). */
    @Test
    void moreCoresPerPlanThanAnyNodeHasIsRefusedNamingTheSetting() throws Exception {
        io.rasfleet.worker.WorkerSpec fourCores = io.rasfleet.testing.WorkerSpecs.of("hpc", new SlurmSettings(null, null, null,
                SshLogin.NONE, Slurm.PARTITION, null, null, null, 2, 5, "/opt/ras", null, List.of(), null)).cores(8, 4)
                .folder("/tmp/rasfleet-hpc").maxRuntimeMinutes(5).build();
        List<CheckReport.Item> items = SlurmPartitionCheck.run(fourCores, new LocalSubmitHost(Slurm.cluster().environment()));
        CheckReport.Item cores = items.stream().filter(i -> i.what().equals("cores_per_plan")).findFirst().orElseThrow();
        assertFalse(cores.ok(), cores.detail());
        assertTrue(cores.detail().contains("cores_per_plan 4 is more than the largest node of partition " + Slurm.PARTITION + " ("),
                cores.detail());
    }

    @Test
    void unknownPartitionIsRefusedNamingIt() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings("nosuchpart", 5), new LocalSubmitHost(Slurm.cluster().environment()));
        assertFalse(items.get(0).ok());
        assertTrue(items.get(0).detail().contains("no partition nosuchpart"), items.get(0).detail());
        assertFalse(items.get(1).ok());
        assertTrue(items.get(1).detail().contains("partition nosuchpart"), items.get(1).detail());
        assertTrue(items.get(1).detail().toLowerCase().contains("invalid partition"), items.get(1).detail());
    }

    @Test
    void timeAboveThePartitionsLimitIsRefusedNamingTheSetting() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings(Slurm.PARTITION, Slurm.PARTITION_MAX_MINUTES * 10),
                new LocalSubmitHost(Slurm.cluster().environment()));
        assertTrue(items.get(0).ok(), items.get(0).detail());
        CheckReport.Item time = items.get(1);
        assertEquals("max_runtime_minutes", time.what());
        assertFalse(time.ok(), time.detail());
        assertTrue(time.detail().contains("max_runtime_minutes " + Slurm.PARTITION_MAX_MINUTES * 10 + " is above partition debug's"
                + " time limit of " + Slurm.PARTITION_MAX_MINUTES + " minutes"), time.detail());
    }
}
