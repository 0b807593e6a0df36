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
        return settings(partition, minutes, null);
    }

    private static io.rasfleet.worker.WorkerSpec settings(String partition, int minutes, String memory) {
        return io.rasfleet.testing.WorkerSpecs.of("hpc", new SlurmSettings(null, null, null, SshLogin.NONE, partition, null, null, memory,
                2, 5, "/opt/ras", null, List.of(), null)).cores(2, 1).folder("/tmp/rasfleet-hpc").maxRuntimeMinutes(minutes).build();
    }

    @Test
    void partitionWithItsNodeUpAndAcceptedOptionsPass() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings(Slurm.PARTITION, 5, "300M"),
                new LocalSubmitHost(Slurm.cluster().environment()));
        assertEquals(5, items.size());
        assertTrue(items.get(0).ok(), items.get(0).detail());
        assertTrue(items.get(0).detail().contains("1 node(s) up"), items.get(0).detail());
        for (CheckReport.Item item : items) {
            assertTrue(item.ok() && !item.warning(), item.what() + ": " + item.detail());
        }
        assertEquals("each job asks --mem=300M (memory_per_plan); the cluster counts memory (SelectTypeParameters=CR_CORE_MEMORY)",
                items.get(4).detail());
    }

    /** The test cluster counts memory and sets no DefMemPerCPU: a job without --mem would hold its node's whole memory. */
    @Test
    void noMemoryPerPlanOnAClusterThatGivesAJobItsWholeNodeIsWarnedOf() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings(Slurm.PARTITION, 5), new LocalSubmitHost(Slurm.cluster().environment()));
        CheckReport.Item memory = items.stream().filter(i -> i.what().equals("memory_per_plan")).findFirst().orElseThrow();
        assertTrue(memory.warning(), memory.detail());
        assertTrue(memory.ok(), "a warning does not keep the worker from its plans");
        assertTrue(memory.detail().startsWith("without memory_per_plan a job of 1 core(s) is given its whole node's memory: the cluster"
                + " counts memory (SelectTypeParameters=CR_CORE_MEMORY) and neither partition debug nor the cluster sets DefMemPerCPU"),
                memory.detail());
        assertEquals("memory_per_plan", memory.what());
    }

    @Test
    void memoryGivenByThePartitionsDefaultOrNotCountedIsSaid() {
        SubmitHost.Result config = new SubmitHost.Result(0, "DefMemPerNode           = UNLIMITED\nSelectTypeParameters    = CR_CORE_MEMORY");
        CheckReport.Item given = SlurmPartitionCheck.memoryItem(null, 1, "debug", config, new SubmitHost.Result(0,
                "PartitionName=debug SelectTypeParameters=NONE DefMemPerCPU=2000 MaxMemPerNode=UNLIMITED"));
        assertTrue(given.ok() && !given.warning(), given.detail());
        assertEquals("without memory_per_plan a job is given DefMemPerCPU=2000 of partition debug (SelectTypeParameters=CR_CORE_MEMORY)",
                given.detail());
        CheckReport.Item uncounted = SlurmPartitionCheck.memoryItem("4G", 1, "debug", config, new SubmitHost.Result(0,
                "PartitionName=debug SelectTypeParameters=CR_CORE DefMemPerNode=UNLIMITED"));
        assertTrue(uncounted.warning(), uncounted.detail());
        assertTrue(uncounted.detail().contains("does not count memory (SelectTypeParameters=CR_CORE)"), uncounted.detail());
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
        assertTrue(time.detail().contains("max_runtime_minutes " + Slurm.PARTITION_MAX_MINUTES * 10 + " (sbatch --time="), time.detail());
        assertTrue(time.detail().contains(" is above partition debug's time limit of " + Slurm.PARTITION_MAX_MINUTES + " minutes"),
                time.detail());
    }

    /** Slurm's --time lies a few minutes past max_runtime_minutes: a limit equal to the partition's would pend for ever. */
    @Test
    void timeEqualToThePartitionsLimitIsRefusedSayingHowLowToGo() throws Exception {
        List<CheckReport.Item> items = SlurmPartitionCheck.run(settings(Slurm.PARTITION, Slurm.PARTITION_MAX_MINUTES),
                new LocalSubmitHost(Slurm.cluster().environment()));
        CheckReport.Item time = items.get(1);
        assertFalse(time.ok(), time.detail());
        assertTrue(time.detail().endsWith("lower max_runtime_minutes to " + (Slurm.PARTITION_MAX_MINUTES - 3) + " or less"), time.detail());
    }
}
