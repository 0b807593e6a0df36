package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Slurm;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.ssh.SshLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real slurmctld and slurmd on loopback ({@link Slurm}), whose one node has 2 CPUs. */
class SlurmQueueTest {

    @TempDir
    Path folder;

    @org.junit.jupiter.api.BeforeAll
    static void installation() {
        io.rasfleet.worker.Installation.install("queuetest");
    }

    @Test
    void jobsBehindAFullNodeAreQueuedWithSlurmsReasonAndScancelEmptiesTheQueue() throws Exception {
        io.rasfleet.worker.WorkerSpec settings = io.rasfleet.testing.WorkerSpecs.of("hpc", new SlurmSettings(null, null, null,
                SshLogin.NONE, Slurm.PARTITION, null, null, null, 3, 5, "/opt/ras", null, List.of(), null)).cores(6, 2)
                .folder(folder).maxRuntimeMinutes(5).build();
        SlurmQueue queue = new SlurmQueue(settings, "queue-test", new LocalSubmitHost(Slurm.cluster().environment()));
        SlurmQueue peer = new SlurmQueue(settings, "peer-server", new LocalSubmitHost(Slurm.cluster().environment()));
        Path script = folder.resolve("job.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 300\n");
        script.toFile().setExecutable(true);
        List<Long> ids = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            ids.add(queue.submit(SlurmJobName.comment(new AttemptRef("queue-test", 5, "p0" + attempt + "-a1")), folder.toString(),
                    script.toString(), java.util.Set.of(), Duration.ofMinutes(5)));
        }
        List<SlurmJobState> jobs = List.of();
        Instant by = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(by)) {
            jobs = queue.jobs();
            if (jobs.stream().anyMatch(SlurmJobState::running) && jobs.stream().filter(SlurmJobState::queued).count() == 2) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals(3, jobs.size(), jobs.toString());
        assertEquals(1, jobs.stream().filter(SlurmJobState::running).count(), jobs.toString());
        SlurmJobState waiting = jobs.stream().filter(SlurmJobState::queued).findFirst().orElseThrow();
        assertTrue(List.of("Resources", "Priority").contains(waiting.reason()), waiting.toString());
        assertTrue(waiting.comment().startsWith("rasfleet queue-test run-5 p0"), waiting.toString());
        assertEquals(List.of(), peer.jobs(), "a peer server's listing never shows this server's jobs");

        queue.cancel(ids, Duration.ofSeconds(30));
        assertEquals(List.of(), queue.jobs());
    }

    @Test
    void twoInstallationsWithTheSameServerNameUnderOneUserNeverListOrCancelEachOthersJobs() throws Exception {
        io.rasfleet.worker.WorkerSpec spec = io.rasfleet.testing.WorkerSpecs.of("hpc", new SlurmSettings(null, null, null,
                SshLogin.NONE, Slurm.PARTITION, null, null, null, 3, 5, "/opt/ras", null, List.of(), null)).cores(6, 2)
                .folder(folder).maxRuntimeMinutes(5).build();
        java.util.function.Function<String, SlurmQueue> install = id -> new SlurmQueue(spec, "localhost",
                SlurmJobName.of(id, "localhost"), new ControllerCalls(new LocalSubmitHost(clusterEnvironment()), Duration.ofMinutes(1)));
        SlurmQueue ours = install.apply("inst0001");
        SlurmQueue theirs = install.apply("inst0002");
        Path script = folder.resolve("job.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 300\n");
        script.toFile().setExecutable(true);
        long id = theirs.submit(SlurmJobName.comment(new AttemptRef("localhost", 5, "p01-a1")), folder.toString(), script.toString(),
                java.util.Set.of(), Duration.ofMinutes(5));
        try {
            assertEquals(List.of(), ours.jobs(), "the other installation's job is not ours to see");
            ours.cancel(List.of(id), Duration.ofSeconds(10));
            assertEquals(List.of(id), theirs.jobs().stream().map(SlurmJobState::jobId).toList(),
                    "a cancel of ours never reaches the other installation's job, even by its id");
        } finally {
            theirs.cancel(List.of(id), Duration.ofSeconds(30));
        }
        assertEquals(List.of(), theirs.jobs());
    }

    private static java.util.Map<String, String> clusterEnvironment() {
        try {
            return Slurm.cluster().environment();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
