package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.ssh.SshLogin;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmSettingsTest {

    private static SlurmSettings settings(String hostname, String partition, String memory, Integer maxJobs, List<String> options) {
        return new SlurmSettings(hostname, null, hostname == null ? null : "ras",
                hostname == null ? SshLogin.NONE : new SshLogin("/etc/rasfleet/id_ed25519", null, null, null), partition, "hydro", null,
                memory, maxJobs, 30, "/opt/ras", null, options, null);
    }

    @Test
    void sbatchArgumentsCarryEverySettingTheTimeWithItsMarginNoEnvironmentAndTheExtraOptionsLast() {
        SlurmSettings s = settings("login1", "debug", "4G", 3, List.of("--constraint=avx2"));
        s.validate("hpc");
        // 90 min, one poll of 10 s, 90 s for the script's clean-up after TERM, 60 s of Slurm's signal resolution: 93 min
        assertEquals(List.of("--parsable", "--partition=debug", "--account=hydro", "--cpus-per-task=4", "--ntasks=1", "--mem=4G",
                "--time=93", "--signal=B:TERM@90", "--export=NONE", "--constraint=avx2"), s.sbatchArguments(4, Duration.ofMinutes(90)));
        assertFalse(s.sbatchArguments(1, null).stream().anyMatch(a -> a.startsWith("--time")),
                "without a time limit the partition's default time applies");
        assertEquals(3, s.jobMinutes(Duration.ofSeconds(8)), "8 s + 10 s + 150 s, in whole minutes");
    }

    @Test
    void exportInSbatchOptionsReplacesTheWorkersExportNone() {
        SlurmSettings s = settings(null, "debug", null, 2, List.of("--export=TMPDIR,HOME"));
        s.validate("hpc");
        List<String> args = s.sbatchArguments(1, Duration.ofMinutes(5));
        assertEquals(List.of("--export=TMPDIR,HOME"), args.stream().filter(a -> a.startsWith("--export")).toList());
    }

    @Test
    void queueTimeoutActionIsReportByDefaultAndOnlyReportOrCancel() {
        JsonObject json = Json.createObjectBuilder().add("name", "hpc").add("worker_type", "slurm").add("partition", "debug")
                .add("max_jobs", 4).add("ras_engine_path", "/opt/ras").add("worker_folder", "/scratch/rasfleet")
                .add("queue_timeout_minutes", 60).build();
        SlurmSettings absent = io.rasfleet.worker.WorkerJson.parse(json).settings(SlurmSettings.class);
        assertEquals("report", absent.queueTimeoutAction());
        assertFalse(absent.cancelsLongWaits());
        SlurmSettings cancel = io.rasfleet.worker.WorkerJson.parse(Json.createObjectBuilder(json).add("queue_timeout_action", "cancel")
                .build()).settings(SlurmSettings.class);
        assertTrue(cancel.cancelsLongWaits());
        assertEquals("cancel", cancel.fields().getString("queue_timeout_action"));
        WorkerConfigException e = assertThrows(WorkerConfigException.class, () -> io.rasfleet.worker.WorkerJson.parse(
                Json.createObjectBuilder(json).add("queue_timeout_action", "requeue").build()));
        assertEquals("queue_timeout_action", e.field());
        assertTrue(e.getMessage().contains("'requeue'"), e.getMessage());
    }

    @Test
    void slotsAreMaxJobsAndNoCoresTotalIsNeeded() {
        JsonObject json = Json.createObjectBuilder().add("name", "hpc").add("worker_type", "slurm").add("partition", "debug")
                .add("max_jobs", 40).add("cores_per_plan", 8).add("ras_engine_path", "/opt/ras").add("worker_folder", "/scratch/rasfleet").build();
        io.rasfleet.worker.WorkerSpec spec = io.rasfleet.worker.WorkerJson.parse(json);
        assertEquals(40, spec.slots());
        assertEquals(8, spec.coresPerPlan());
        assertEquals(320, spec.coresTotal());
    }

    @Test
    void partitionThatIsNotASlurmNameIsRefusedByItsField() {
        WorkerConfigException e = assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug;rm -rf /", null, 2, null).validate("hpc"));
        assertEquals("partition", e.field());
        assertTrue(e.getMessage().contains("debug;rm -rf /"), e.getMessage());
    }

    @Test
    void memoryMustBeInSbatchSpelling() {
        WorkerConfigException e = assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug", "4 GB", 2, null).validate("hpc"));
        assertEquals("memory_per_plan", e.field());
    }

    @Test
    void maxJobsIsRequiredAsItIsTheWorkersSlots() {
        WorkerConfigException e = assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug", null, null, null).validate("hpc"));
        assertEquals("max_jobs", e.field());
        assertEquals("max_jobs", assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug", null, 0, null).validate("hpc")).field());
    }

    @Test
    void sshFieldsWithoutALoginNodeAreRefused() {
        SlurmSettings s = new SlurmSettings(null, null, "ras", SshLogin.NONE, "debug", null, null, null, 2, null,
                "/opt/ras", null, null, null);
        WorkerConfigException e = assertThrows(WorkerConfigException.class, () -> s.validate("hpc"));
        assertEquals("username", e.field());
        assertTrue(e.getMessage().contains("needs hostname"), e.getMessage());
    }

    @Test
    void sbatchOptionsMustBeAnArrayOfStrings() {
        JsonObject notArray = Json.createObjectBuilder().add("name", "hpc").add("sbatch_options", "--exclusive").build();
        assertEquals("sbatch_options", assertThrows(WorkerConfigException.class,
                () -> SlurmSettings.readOptions(JsonFields.of(notArray))).field());
        JsonObject number = Json.createObjectBuilder().add("name", "hpc")
                .add("sbatch_options", Json.createArrayBuilder().add(3)).build();
        assertEquals("sbatch_options", assertThrows(WorkerConfigException.class,
                () -> SlurmSettings.readOptions(JsonFields.of(number))).field());
    }

    @Test
    void fieldsWriteBackWhatWasReadIncludingTheOptions() {
        SlurmSettings s = settings("login1", "debug", "4G", 3, List.of("--exclusive"));
        JsonObject fields = s.fields();
        assertEquals("debug", fields.getString("partition"));
        assertEquals(3, fields.getInt("max_jobs"));
        assertEquals(List.of("--exclusive"), SlurmSettings.readOptions(new JsonFields("hpc", fields)));
    }

    @Test
    void pollSecondsDefaultsToTenAndMustBePositive() {
        JsonObject json = Json.createObjectBuilder().add("name", "hpc").add("worker_type", "slurm").add("partition", "debug")
                .add("max_jobs", 4).add("ras_engine_path", "/opt/ras").add("worker_folder", "/scratch/rasfleet").build();
        SlurmSettings absent = io.rasfleet.worker.WorkerJson.parse(json).settings(SlurmSettings.class);
        assertEquals(java.time.Duration.ofSeconds(10), absent.pollInterval());
        assertEquals(false, absent.preprocessOnHost());
        SlurmSettings given = io.rasfleet.worker.WorkerJson.parse(Json.createObjectBuilder(json).add("poll_seconds", 30)
                .add("preprocess_on_host", true).build()).settings(SlurmSettings.class);
        assertEquals(java.time.Duration.ofSeconds(30), given.pollInterval());
        assertEquals(true, given.preprocessOnHost());
        assertEquals(30, given.fields().getInt("poll_seconds"));
        assertEquals(true, given.fields().getBoolean("preprocess_on_host"));
        assertEquals("poll_seconds", org.junit.jupiter.api.Assertions.assertThrows(io.rasfleet.worker.WorkerConfigException.class,
                () -> io.rasfleet.worker.WorkerJson.parse(Json.createObjectBuilder(json).add("poll_seconds", 0).build())).field());
    }
}
