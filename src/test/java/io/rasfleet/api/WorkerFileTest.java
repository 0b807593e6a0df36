package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.docker.DockerHostAddress;
import io.rasfleet.worker.docker.DockerSettings;
import io.rasfleet.worker.ssh.SshSettings;
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
                   "ras_exe_path": "/opt/ras/Ras", "max_runtime_minutes": 600, "autoclean": false}
                ]}""");
        WorkerFile.Contents contents = WorkerFile.read(file);
        assertEquals(List.of(), contents.refused());
        WorkerSpec bench = contents.workers().get(0);
        assertEquals(WorkerSpecs.local("bench", "/opt/ras/Ras").cores(16, 4).queuePriority(2).priority(ProcessPriority.BELOW_NORMAL)
                .folder("/srv/ras").maxRuntimeMinutes(600).autoclean(false).build(), bench);
        assertEquals(4, bench.slots());
    }

    @Test
    void keysStartingWithAnUnderscoreAreCommentsAsInRasCommandersFiles() {
        WorkerFile.Contents contents = WorkerFile.parse("""
                {"description": "our pool",
                 "workers": [
                  {"name": "bench", "worker_type": "local", "cores_total": 4, "worker_folder": "/srv/ras", "ras_exe_path": "/r",
                   "_comment": "the bench machine", "_note": {"any": ["json"]}}
                 ],
                 "_comments": {"cores_total": "Total CPU cores available on this worker"}}""", "the test file");
        assertEquals(List.of(), contents.refused());
        assertEquals(List.of("bench"), contents.workers().stream().map(WorkerSpec::name).toList());
    }

    @Test
    void aKeyGivenTwiceInAWorkersFileIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerFile.parse("""
                [{"name": "bench", "worker_type": "local", "cores_total": 4, "cores_total": 64, "worker_folder": "/srv/ras",
                  "ras_exe_path": "/r"}]""", "the test file"));
        assertTrue(e.getMessage().startsWith("the test file is not the JSON expected: "), e.getMessage());
        assertTrue(e.getMessage().contains("cores_total"), e.getMessage());
    }

    /** ras-commander's defaults, from its worker classes: cores_per_plan 4, process_priority low, Docker preprocess_on_host true, session_id 2. */
    @Test
    void anEntryLeavingFieldsOutGetsRasCommandersDefaults() {
        WorkerFile.Contents contents = WorkerFile.parse("""
                {"workers": [
                  {"name": "bench", "worker_type": "local", "worker_folder": "/srv/ras", "ras_exe_path": "/r"},
                  {"name": "dock", "worker_type": "docker", "docker_image": "hecras:6.6", "cores_total": 8},
                  {"name": "pc", "worker_type": "psexec", "hostname": "pc", "share_path": "\\\\\\\\pc\\\\RasRemote"}
                ]}""", "the test file");
        assertEquals(List.of(), contents.refused());
        WorkerSpec bench = contents.workers().get(0);
        assertEquals(4, bench.coresPerPlan());
        assertEquals(4, bench.coresTotal(), "no cores_total: one plan's worth");
        assertEquals(1, bench.slots());
        assertEquals(ProcessPriority.LOW, bench.processPriority());
        assertEquals(0, bench.queuePriority());
        WorkerSpec dock = contents.workers().get(1);
        assertEquals(2, dock.slots(), "8 cores, 4 a plan");
        assertTrue(dock.preprocessOnHost());
        assertEquals(2, contents.workers().get(2).settings(io.rasfleet.worker.psexec.PsExecSettings.class).sessionId());
    }

    @Test
    void rasCommandersSpellingsAreTaken() {
        WorkerFile.Contents contents = WorkerFile.parse("""
                [{"name": "dock", "worker_type": "docker", "docker_image": "hecras:6.7", "cores_total": 8, "cpu_limit": "4",
                  "queue_priority": 11, "enabled": false},
                 {"name": "pc", "worker_type": "psexec", "hostname": "pc", "share_path": "\\\\\\\\pc\\\\RasRemote",
                  "username": ".\\\\ras", "credential_alias": "pc-login"},
                 {"name": "pc2", "worker_type": "psexec", "hostname": "pc2", "share_path": "\\\\\\\\pc2\\\\RasRemote",
                  "username": "ras@corp.example", "credential_alias": "pc-login"},
                 {"name": "late", "worker_type": "local", "worker_folder": "/w", "ras_exe_path": "/r", "queue_priority": 100}]""",
                "the test file");
        assertEquals(List.of("dock", "pc", "pc2"), contents.workers().stream().map(WorkerSpec::name).toList(), contents.refused().toString());
        WorkerSpec dock = contents.workers().get(0);
        assertEquals(4.0, dock.settings(DockerSettings.class).cpuLimit());
        assertEquals(11, dock.queuePriority());
        assertEquals(false, dock.enabled());
        assertEquals(".\\ras", contents.workers().get(1).settings(io.rasfleet.worker.psexec.PsExecSettings.class).username());
        assertEquals(List.of("worker late refused (queue_priority): queue_priority of worker late must be from 0 to 99, not 100"),
                contents.refused());
    }

    @Test
    void dockerStagingKeysAreIgnoredSayingWhyAndKeysForWhatWeCannotDoAreRefusedSayingWhatToUse() {
        WorkerFile.Contents contents = WorkerFile.parse("""
                [{"name": "remote", "worker_type": "docker", "docker_image": "hecras:6.7", "docker_host": "ssh://ras@192.168.1.100",
                  "share_path": "\\\\\\\\192.168.1.100\\\\RasRemote", "remote_staging_path": "/mnt/c/RasRemote", "cores_total": 8},
                 {"name": "scripted", "worker_type": "docker", "docker_image": "hecras:6.7", "cores_total": 8,
                  "container_script_path": "/app/run.sh"},
                 {"name": "many", "worker_type": "local", "worker_folder": "/w", "ras_exe_path": "/r", "max_parallel_plans": 3}]""",
                "the test file");
        assertEquals(List.of("remote"), contents.workers().stream().map(WorkerSpec::name).toList());
        assertEquals(2, contents.ignored().size(), contents.ignored().toString());
        assertTrue(contents.ignored().contains("worker remote: share_path: a docker worker's files travel through the engine's"
                + " archive API, no shared folder needed"), contents.ignored().toString());
        assertTrue(contents.ignored().stream().anyMatch(i -> i.startsWith("worker remote: remote_staging_path: ")));
        assertTrue(contents.refused().get(0).startsWith("worker scripted refused (container_script_path): "), contents.refused().get(0));
        assertTrue(contents.refused().get(0).contains("ras_engine_path"), contents.refused().get(0));
        assertTrue(contents.refused().get(1).startsWith("worker many refused (max_parallel_plans): "), contents.refused().get(1));
        assertTrue(contents.refused().get(1).contains("cores_per_plan"), contents.refused().get(1));
    }

    @Test
    void aLocalWorkersWindowsFolderOnALinuxServerIsRefusedNamingIt() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "a Linux app server's rule");
        WorkerFile.Contents contents = WorkerFile.parse("""
                [{"name": "bench", "worker_type": "local", "worker_folder": "C:\\\\RasRemote", "cores_total": 4}]""", "the test file");
        assertEquals(1, contents.refused().size());
        assertTrue(contents.refused().get(0).startsWith("worker bench refused (worker_folder): worker_folder 'C:\\RasRemote' of worker"
                + " bench is a Windows folder"), contents.refused().get(0));
    }

    @Test
    void badEntriesAreRefusedByFieldAndTheRestIsKept() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), """
                [
                  {"name": "ok", "worker_type": "local", "cores_total": 2, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "greedy", "worker_type": "local", "cores_total": 2, "cores_per_plan": 8, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "eager", "worker_type": "local", "cores_total": 2, "queue_priority": 120, "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "rude", "worker_type": "local", "cores_total": 2, "process_priority": "realtime", "worker_folder": "/w", "ras_exe_path": "/r"},
                  {"name": "alien", "worker_type": "telnet", "cores_total": 2},
                  {"name": "windowsy", "worker_type": "local", "cores_total": 2, "worker_folder": "/w", "ras_exe_path": "/r",
                   "share_path": "\\\\\\\\bench\\\\RasRemote"},
                  "not a worker"
                ]""");
        WorkerFile.Contents contents = WorkerFile.read(file);
        assertEquals(List.of("ok"), contents.workers().stream().map(WorkerSpec::name).toList());
        assertEquals(6, contents.refused().size(), contents.refused().toString());
        assertTrue(contents.refused().get(0).startsWith("worker greedy refused (cores_per_plan)"), contents.refused().get(0));
        assertTrue(contents.refused().get(1).startsWith("worker eager refused (queue_priority)"), contents.refused().get(1));
        assertTrue(contents.refused().get(2).startsWith("worker rude refused (process_priority)"), contents.refused().get(2));
        assertTrue(contents.refused().get(3).contains("unknown worker_type 'telnet'; known: local, ssh, docker, psexec"), contents.refused().get(3));
        assertTrue(contents.refused().get(4).startsWith("worker windowsy refused (share_path): worker windowsy: unknown field share_path;"
                + " a local worker takes name, worker_type,"), contents.refused().get(4));
        assertEquals("entry 7 refused: a worker is a JSON object, not STRING", contents.refused().get(5));
    }

    @Test
    void sshAndDockerWorkersAreReadWithRasCommanderNamesAndBadOnesRefusedByField() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), """
                [
                  {"name": "linux1", "worker_type": "ssh", "cores_total": 8, "cores_per_plan": 4, "hostname": "ras-01.corp",
                   "port": 2222, "username": "ras", "ssh_key_path": "/keys/id_ed25519", "worker_folder": "/scratch/ras",
                   "ras_engine_path": "/opt/hec/ras66"},
                  {"name": "dock1", "worker_type": "docker", "cores_total": 4, "docker_image": "corp/ras-linux:6.6",
                   "docker_host": "ssh://ras@build-07", "ssh_key_path": "/keys/id", "ras_engine_path": "/opt/ras",
                   "cpu_limit": 2.5, "memory_limit": "8g", "preprocess_on_host": true},
                  {"name": "evil", "worker_type": "ssh", "cores_total": 1, "hostname": "h; rm -rf /", "username": "u",
                   "ssh_key_path": "/k", "worker_folder": "/w", "ras_engine_path": "/e"},
                  {"name": "relative", "worker_type": "ssh", "cores_total": 1, "hostname": "h", "username": "u",
                   "ssh_key_path": "/k", "worker_folder": "work", "ras_engine_path": "/e"},
                  {"name": "pinned", "worker_type": "ssh", "cores_total": 1, "hostname": "h", "username": "u",
                   "ssh_key_path": "/k", "worker_folder": "/w", "ras_engine_path": "/e", "host_key_fingerprint": "MD5:aa"},
                  {"name": "nohost", "worker_type": "docker", "cores_total": 1, "docker_image": "i", "ras_engine_path": "/e",
                   "docker_host": "http://engine:2375"},
                  {"name": "fat", "worker_type": "docker", "cores_total": 1, "docker_image": "i", "ras_engine_path": "/e",
                   "memory_limit": "lots"},
                  {"name": "shouty", "worker_type": "docker", "cores_total": 1, "docker_image": "Corp/$(id)", "ras_engine_path": "/e"}
                ]""");
        WorkerFile.Contents contents = WorkerFile.read(file);
        assertEquals(List.of("linux1", "dock1"), contents.workers().stream().map(WorkerSpec::name).toList(),
                contents.refused().toString());
        WorkerSpec ssh = contents.workers().get(0);
        assertEquals("ssh", ssh.type());
        assertEquals(2222, ssh.settings(SshSettings.class).portOrDefault());
        assertEquals("/opt/hec/ras66", ssh.settings(SshSettings.class).rasEnginePath());
        WorkerSpec docker = contents.workers().get(1);
        assertEquals("/rasfleet", docker.workerFolder(), "a container's working folder has a default");
        assertEquals(8L << 30, docker.settings(DockerSettings.class).memoryLimitBytes());
        assertTrue(docker.preprocessOnHost());
        assertEquals(DockerHostAddress.Scheme.SSH, DockerHostAddress.parse("dock1", docker.settings(DockerSettings.class)).scheme());
        List<String> refused = contents.refused();
        assertTrue(refused.get(0).startsWith("worker evil refused (hostname)"), refused.get(0));
        assertTrue(refused.get(1).startsWith("worker relative refused (worker_folder)"), refused.get(1));
        assertTrue(refused.get(2).startsWith("worker pinned refused (host_key_fingerprint)"), refused.get(2));
        assertTrue(refused.get(3).startsWith("worker nohost refused (docker_host)"), refused.get(3));
        assertTrue(refused.get(4).startsWith("worker fat refused (memory_limit)"), refused.get(4));
        assertTrue(refused.get(5).startsWith("worker shouty refused (docker_image)"), refused.get(5));
        assertEquals(6, refused.size(), refused.toString());
    }

    @Test
    void anArrayAloneIsAWorkersFileToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), """
                [{"name": "one", "worker_type": "local", "cores_total": 1, "worker_folder": "/w", "ras_exe_path": "/r"}]""");
        assertEquals(List.of("one"), WorkerFile.read(file).workers().stream().map(WorkerSpec::name).toList());
    }

    @Test
    void aFileOfAnotherShapeIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), "{\"machines\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerFile.read(file));
        assertTrue(e.getMessage().contains("an array of workers, or an object whose \"workers\" is one"), e.getMessage());
    }

    @Test
    void notJsonIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("workers.json"), "{\"workers\": [ {\"name\": ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerFile.read(file));
        assertTrue(e.getMessage().startsWith("workers file " + file + " is not the JSON expected"), e.getMessage());
    }
}
