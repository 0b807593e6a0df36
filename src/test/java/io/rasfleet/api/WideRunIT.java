package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.Await;
import io.rasfleet.testing.RequiredServices;
import io.rasfleet.testing.SampleProjects;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Five runs of 40 plans at once on one worker of 200 slots, far beyond the batch pool's 34 threads
 * at start and the datasource's 40 connections: every plan computes at the same time as all the
 * others (the pool grew to the slots and two threads per run: grown to the slots and two threads
 * in all, a plan waited for a thread while a slot stood free), each is launched once, and none ends for want of a thread, a connection or a lease
 * renewal. The worker's program stands in for HEC-RAS only by printing its progress lines for 40 s
 * and writing no result (198 JVMs of the stand-in would measure the machine), so each plan ends
 * judged failed by its missing result, which is the one end expected. {@code bench/run --wide}
 * measures the same at 500 slots, with the pools' statistics.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith({RequiredServices.class, ArquillianExtension.class})
@RunAsClient
class WideRunIT {

    private static final int SLOTS = 200;
    private static final int SECONDS = 40;

    private final RasfleetClient api = new RasfleetClient();

    @Test
    void fiveRunsOf40PlansComputeAllAtOnceOn200SlotsEachPlanLaunchedOnce() throws Exception {
        Path root = Path.of(System.getProperty("rasfleet.it.projects")).resolve("wide-" + UUID.randomUUID());
        Files.createDirectories(root);
        Path program = root.resolve("progress-only");
        Files.writeString(program, """
                #!/bin/sh
                # called as Ras -c Name.prj Name.pNN: HEC-RAS's progress lines, then an end without a result
                i=0
                while [ $i -lt %d ]; do
                  i=$((i + 1))
                  echo "Progress | $(awk "BEGIN { print $i / %d }")" >> "$3.computeMsgs.txt"
                  sleep 1
                done
                """.formatted(SECONDS, SECONDS));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        RasfleetClient.Answer added = api.post(RasfleetClient.ADMIN, "workers", """
                {"name": "wide", "worker_type": "local", "cores_total": %d, "cores_per_plan": 1, "process_priority": "normal",
                 "worker_folder": "%s", "ras_exe_path": "%s"}""".formatted(SLOTS, root.resolve("worker"), program));
        assertEquals(201, added.status(), added.body());
        try {
            List<Long> ids = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d", "e")) {
                Path project = ServerCopy.plans(SampleProjects.muncie(root.resolve(name)), 40, 1);
                RasfleetClient.Answer started = api.post(RasfleetClient.OPERATOR, "runs",
                        "{\"project\": \"" + project + "\", \"workers\": [\"wide\"], \"maxAttempts\": 1}");
                assertEquals(202, started.status(), started.body());
                ids.add(started.json().getJsonNumber("id").longValue());
            }
            AtomicInteger most = new AtomicInteger();
            Await.until("the five runs ended", Duration.ofMinutes(5), Duration.ofSeconds(1), () -> {
                int running = 0;
                boolean ended = true;
                for (long id : ids) {
                    JsonObject run = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
                    running += run.getJsonObject("counts").getInt("running");
                    ended &= RasfleetClient.ended(run);
                }
                most.accumulateAndGet(running, Math::max);
                return ended;
            }, ended -> ended);
            assertEquals(200, most.get(), "every plan of the five runs computed at once: a thread and a slot each");
            for (long id : ids) {
                JsonObject run = api.get(RasfleetClient.VIEWER, "runs/" + id).json();
                assertEquals(40, run.getJsonArray("plans").size());
                for (JsonObject plan : run.getJsonArray("plans").getValuesAs(JsonObject.class)) {
                    assertEquals(1, plan.getInt("attempts"), "launched once: " + plan);
                    assertEquals("FAILED", plan.getString("state"), plan.toString());
                    String error = plan.getString("error", "");
                    assertTrue(error.contains(".hdf"), "judged by its missing result, nothing else: " + plan);
                    assertFalse(error.contains("lease") || error.contains("connection") || error.contains("no worker slot"), plan.toString());
                }
            }
        } finally {
            assertEquals(204, api.delete(RasfleetClient.ADMIN, "workers/wide").status());
        }
    }
}
