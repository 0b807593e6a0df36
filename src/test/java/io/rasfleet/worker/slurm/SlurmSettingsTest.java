package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.ssh.SshLogin;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmSettingsTest {

    private static SlurmSettings settings(String hostname, String partition, String memory, Integer runtime, List<String> options) {
        return new SlurmSettings(hostname, null, hostname == null ? null : "ras",
                hostname == null ? SshLogin.NONE : new SshLogin("/etc/rasfleet/id_ed25519", null, null, null), partition, "hydro", null, 4,
                memory, 3, runtime, 30, "/opt/ras", null, options);
    }

    @Test
    void sbatchArgumentsCarryEverySettingAndTheExtraOptionsLast() {
        SlurmSettings s = settings("login1", "debug", "4G", 90, List.of("--constraint=avx2"));
        s.validate("hpc");
        assertEquals(List.of("--parsable", "--partition=debug", "--account=hydro", "--cpus-per-task=4", "--ntasks=1", "--mem=4G",
                "--time=90", "--constraint=avx2"), s.sbatchArguments());
    }

    @Test
    void partitionThatIsNotASlurmNameIsRefusedByItsField() {
        WorkerConfigException e = assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug;rm -rf /", null, 10, null).validate("hpc"));
        assertEquals("partition", e.field());
        assertTrue(e.getMessage().contains("debug;rm -rf /"), e.getMessage());
    }

    @Test
    void memoryMustBeInSbatchSpelling() {
        WorkerConfigException e = assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug", "4 GB", 10, null).validate("hpc"));
        assertEquals("memory_per_plan", e.field());
    }

    @Test
    void runtimeIsRequiredAsItBecomesTheJobsTime() {
        assertEquals("max_runtime_minutes", assertThrows(WorkerConfigException.class,
                () -> settings(null, "debug", null, null, null).validate("hpc")).field());
    }

    @Test
    void sshFieldsWithoutALoginNodeAreRefused() {
        SlurmSettings s = new SlurmSettings(null, null, "ras", SshLogin.NONE, "debug", null, null, null, null, null, 10, null,
                "/opt/ras", null, null);
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
        SlurmSettings s = settings("login1", "debug", "4G", 90, List.of("--exclusive"));
        JsonObject fields = s.fields();
        assertEquals("debug", fields.getString("partition"));
        assertEquals(90, fields.getInt("max_runtime_minutes"));
        assertEquals(List.of("--exclusive"), SlurmSettings.readOptions(new JsonFields("hpc", fields)));
    }
}
