package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.WorkerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerFileTest {

    @TempDir
    Path tmp;

    @Test
    void rasCommanderStyleFileIsReadWithItsFieldNames() throws Exception {
        Path file = Files.writeString(tmp.resolve("RemoteWorkers.json"), """
                {"workers": [
                  {"name": "bench", "worker_type": "local", "enabled": true, "cores_total": 16, "cores_per_plan": 4,
                   "queue_priority": 2, "process_priority": "below normal", "worker_folder": "/srv/ras",
                   "ras_exe_path": "/opt/ras/Ras", "max_runtime_minutes": 600, "autoclean": false,
                   "share_path": "\\\\\\\\bench\\\\RasRemote", "session_id": 2}
                ]}""");
        WorkerFile.Contents contents = WorkerFile.read(file);
        assertEquals(List.of(), contents.refused());
        WorkerSpec bench = contents.workers().get(0);
        assertEquals(new WorkerSpec("bench", io.rasfleet.worker.WorkerType.LOCAL, true, 16, 4, 2,
                ProcessPriority.BELOW_NORMAL, "/srv/ras", "/opt/ras/Ras", 600, false, null), bench);
        assertEquals(4, bench.slots());
    }

    @Test
    void badEntriesAreRefusedByFieldAndTheRestIsKept() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), """
                [
                  {"name": "ok", "worker_type": "local", "cores_total": 2, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "greedy", "worker_type": "local", "cores_total": 2, "cores_per_plan": 8, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "eager", "worker_type": "local", "cores_total": 2, "queue_priority": 12, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "rude", "worker_type": "local", "cores_total": 2, "process_priority": "realtime", "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "alien", "worker_type": "telnet", "cores_total": 2}
                ]""");
        WorkerFile.Contents contents = WorkerFile.read(file);
        assertEquals(List.of("ok"), contents.workers().stream().map(WorkerSpec::name).toList());
        assertEquals(4, contents.refused().size(), contents.refused().toString());
        assertTrue(contents.refused().get(0).startsWith("worker greedy refused (cores_per_plan)"), contents.refused().get(0));
        assertTrue(contents.refused().get(1).startsWith("worker eager refused (queue_priority)"), contents.refused().get(1));
        assertTrue(contents.refused().get(2).startsWith("worker rude refused (process_priority)"), contents.refused().get(2));
        assertTrue(contents.refused().get(3).contains("unknown worker_type 'telnet'; known: local"), contents.refused().get(3));
    }

    @Test
    void notJsonIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), "{\"workers\": [ {\"name\": ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerFile.read(file));
        assertTrue(e.getMessage().startsWith("workers file " + file + " is not the JSON expected"), e.getMessage());
    }
}
