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
                    script.toString(), java.util.Set.of()));
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
}
