package io.rasfleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerJsonTest {

    /** One valid worker of each type, as a RemoteWorkers.json entry would give it. */
    static final Map<String, String> VALID = Map.of(
            "local", """
                    {"name": "w", "worker_type": "local", "cores_total": 4, "worker_folder": "/srv/ras", "ras_exe_path": "/opt/Ras",
                     "preprocess_only": true}""",
            "ssh", """
                    {"name": "w", "worker_type": "ssh", "cores_total": 4, "hostname": "ras-01", "port": 2222, "username": "ras",
                     "ssh_key_path": "/keys/id", "worker_folder": "/scratch", "ras_engine_path": "/opt/ras", "preprocess_on_host": true}""",
            "docker", """
                    {"name": "w", "worker_type": "docker", "cores_total": 4, "docker_image": "corp/ras:6.6", "ras_engine_path": "/opt/ras",
                     "cpu_limit": 2.5, "memory_limit": "8g"}""",
            "psexec", """
                    {"name": "w", "worker_type": "psexec", "cores_total": 4, "hostname": "pc", "share_path": "\\\\\\\\pc\\\\Ras",
                     "session_id": 2, "username": "CORP\\\\ras", "credential_alias": "pc-login", "ras_exe_path": "C:\\\\HEC\\\\Ras.exe",
                     "system_account": false}""");

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static JsonObject with(String type, String field, String jsonValue) {
        String text = VALID.get(type);
        return json(text.substring(0, text.lastIndexOf('}')) + ", \"" + field + "\": " + jsonValue + "}");
    }

    static WorkerConfigException refused(JsonObject json) {
        return assertThrows(WorkerConfigException.class, () -> WorkerJson.parse(json));
    }

    @Test
    void theRegisteredTypesAreTheFiveWeShip() {
        assertEquals("local, ssh, docker, psexec, slurm", Workers.types());
        WorkerConfigException e = refused(json("{\"name\": \"w\", \"worker_type\": \"telnet\", \"cores_total\": 1}"));
        assertEquals("worker_type", e.field());
        assertEquals("unknown worker_type 'telnet'; known: local, ssh, docker, psexec, slurm", e.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedNamingItAndTheKnownOnes() {
        WorkerConfigException e = refused(json(VALID.get("local").replace("\"cores_total\"", "\"cores_totl\"")));
        assertEquals("cores_totl", e.field());
        assertEquals("worker w: unknown field cores_totl; a local worker takes name, worker_type, enabled, cores_total,"
                + " cores_per_plan, queue_priority, process_priority, worker_folder, max_runtime_minutes, autoclean, ras_exe_path,"
                + " ras_version, ras_install_root, preprocess_only (keys starting with _ are comments)", e.getMessage());
    }

    @Test
    void aFieldOfAnotherTypeIsUnknownToThisOne() {
        assertEquals("preprocess_on_host", refused(with("psexec", "preprocess_on_host", "true")).field());
        assertEquals("hostname", refused(with("docker", "hostname", "\"h\"")).field());
        assertEquals("ras_exe_path", refused(with("ssh", "ras_exe_path", "\"/r\"")).field());
        assertEquals("preprocess_only", refused(with("docker", "preprocess_only", "false")).field());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheFieldAndTheTypeExpected() {
        WorkerConfigException e = refused(json(VALID.get("local").replace("\"cores_total\": 4", "\"cores_total\": \"four\"")));
        assertEquals("cores_total", e.field());
        assertEquals("cores_total of worker w must be a whole number, not the string \"four\"", e.getMessage());
        assertEquals("enabled of worker w must be true or false, not the string \"yes\"",
                refused(with("local", "enabled", "\"yes\"")).getMessage());
        assertEquals("port of worker w must be a whole number from 1 to 65535, not 22.5", refused(with("psexec", "port", "22.5")).getMessage());
        assertEquals("docker_host of worker w must be a string, not an object",
                refused(with("docker", "docker_host", "{}")).getMessage());
        assertEquals("cpu_limit of worker w must be a number, not the string \"two\"",
                refused(with("docker", "cpu_limit", "\"two\"")).getMessage());
        assertEquals("name must be a string, not 5", refused(json("{\"name\": 5}")).getMessage());
    }

    @Test
    void numbersNoIntHoldsAreRefusedNotWrappedAround() {
        WorkerConfigException huge = refused(json(VALID.get("local").replace("\"cores_total\": 4", "\"cores_total\": 4294967297")));
        assertEquals("cores_total", huge.field());
        assertEquals("cores_total of worker w is out of range: 4294967297", huge.getMessage());
        WorkerConfigException port = refused(json(VALID.get("ssh").replace("\"port\": 2222", "\"port\": 1e12")));
        assertEquals("port of worker w must be from 1 to 65535, not 1000000000000", port.getMessage());
        assertEquals("port of worker w must be from 1 to 65535, not 65536",
                refused(json(VALID.get("ssh").replace("\"port\": 2222", "\"port\": 65536"))).getMessage());
        assertEquals("session_id", refused(with("psexec", "session_id", "-1e30")).field());
        assertEquals("cpu_limit of worker w is out of range: 1E+400", refused(with("docker", "cpu_limit", "1e400")).getMessage());
        assertEquals(2222, WorkerJson.parse(json(VALID.get("ssh").replace("2222", "2.222e3"))).settings(
                io.rasfleet.worker.ssh.SshSettings.class).port(), "a whole number written with an exponent is one");
    }

    @Test
    void aRelativeWorkerFolderIsRefusedForEveryType() {
        for (String type : List.of("local", "ssh", "docker", "psexec")) {
            WorkerConfigException e = refused(withFolder(type, "work/here"));
            assertEquals("worker_folder", e.field(), type);
            assertTrue(e.getMessage().startsWith("worker_folder 'work/here' of worker w must be "), e.getMessage());
        }
    }

    private static JsonObject withFolder(String type, String folder) {
        return Json.createObjectBuilder(json(VALID.get(type))).add("worker_folder", folder).build();
    }

    @Test
    void answersShowOnlyTheFieldsTheTypeUses() {
        JsonObject local = WorkerJson.write(WorkerJson.parse(json(VALID.get("local"))));
        assertEquals(true, local.getBoolean("preprocess_only"));
        assertFalse(local.containsKey("preprocess_on_host"));
        JsonObject ssh = WorkerJson.write(WorkerJson.parse(json(VALID.get("ssh"))));
        assertEquals(true, ssh.getBoolean("preprocess_on_host"));
        JsonObject docker = WorkerJson.write(WorkerJson.parse(json(VALID.get("docker"))));
        assertEquals(true, docker.getBoolean("preprocess_on_host"), "ras-commander's default for docker");
        assertEquals("/rasfleet", docker.getString("worker_folder"), "a container's working folder has a default");
        JsonObject psexec = WorkerJson.write(WorkerJson.parse(json(VALID.get("psexec"))));
        assertFalse(psexec.containsKey("preprocess_on_host"), "defect 12: a psexec worker showed preprocess_on_host");
        assertFalse(psexec.containsKey("system_account"));
        assertEquals("C:\\Ras", psexec.getString("worker_folder"), "the share's local path by default");
        assertEquals(List.of("name", "worker_type", "enabled", "cores_total", "cores_per_plan", "queue_priority", "process_priority",
                "worker_folder", "autoclean", "hostname", "port", "username", "ssh_key_path", "ras_engine_path", "preprocess_on_host"),
                List.copyOf(ssh.keySet()), "common fields first, absent ones left out");
    }

    @Test
    void whatIsAnsweredReadsBackAsTheSameWorker() {
        for (String type : VALID.keySet()) {
            WorkerSpec spec = WorkerJson.parse(json(VALID.get(type)));
            assertEquals(spec, WorkerJson.parse(WorkerJson.write(spec)), type);
            JsonObject answered = Json.createObjectBuilder(WorkerJson.write(spec)).add(WorkerJson.HEALTHY, false).build();
            assertEquals(spec, WorkerJson.parse(answered), type + ": healthy is an answer, ignored when sent back");
        }
    }

    @Test
    void eachProviderWritesOnlyTheFieldsItTakes() {
        for (String type : VALID.keySet()) {
            WorkerSpec spec = WorkerJson.parse(json(VALID.get(type)));
            List<String> takes = Workers.provider(type).fields().stream().map(SettingField::name).toList();
            for (String field : spec.settings().fields().keySet()) {
                assertTrue(takes.contains(field), type + " writes " + field + " that it does not take");
            }
        }
    }

    @Test
    void preprocessFlagsBelongToTheirTypes() {
        assertTrue(WorkerJson.parse(json(VALID.get("local"))).preprocessOnly());
        assertFalse(WorkerJson.parse(json(VALID.get("local"))).preprocessOnHost());
        assertTrue(WorkerJson.parse(json(VALID.get("ssh"))).preprocessOnHost());
        assertFalse(WorkerJson.parse(json(VALID.get("ssh"))).preprocessOnly());
        assertTrue(WorkerJson.parse(json(VALID.get("docker"))).preprocessOnHost(), "ras-commander's default for docker");
        assertFalse(WorkerJson.parse(with("docker", "preprocess_on_host", "false")).preprocessOnHost());
        assertFalse(WorkerJson.parse(json(VALID.get("psexec"))).preprocessOnHost());
        assertFalse(WorkerJson.parse(Json.createObjectBuilder(json(VALID.get("local"))).remove("preprocess_only").build())
                .preprocessOnly(), "false when absent");
    }

    @Test
    void theSystemAccountIsRefusedWithItsReason() {
        WorkerConfigException e = refused(json(VALID.get("psexec").replace("\"system_account\": false", "\"system_account\": true")));
        assertEquals("system_account", e.field());
        assertTrue(e.getMessage().contains("HEC-RAS started as SYSTEM has no desktop"), e.getMessage());
    }

    @Test
    void theNameIsCheckedBeforeAnythingElse() {
        assertEquals("name", refused(json("{\"name\": \"a;rm -rf\", \"worker_type\": \"local\", \"cores_total\": 2}")).field());
        assertEquals("worker_type", refused(json("{\"name\": \"w\", \"cores_total\": 2}")).field());
    }

    /** GET /api/workers/types lists the worker types: a worker named so could never be read or removed. */
    @Test
    void aNameTheWorkersApiUsesForItsOwnPathsIsRefused() {
        for (String route : List.of("types", "events", "import")) {
            WorkerConfigException e = refused(json("{\"name\": \"" + route + "\", \"worker_type\": \"local\", \"cores_total\": 2}"));
            assertEquals("name", e.field());
            assertTrue(e.getMessage().contains("taken by the API"), e.getMessage());
        }
    }

    @Test
    void namesAsRasCommanderWritesThemAreTakenAndLeaveASafeTagOnWorkers() {
        for (String name : List.of("Local Compute", "Remote Docker 6.7 (SSH)", "Remote-PC-01")) {
            WorkerSpec spec = WorkerJson.parse(Json.createObjectBuilder(json(VALID.get("docker"))).add("name", name).build());
            assertEquals(name, spec.name());
            assertTrue(spec.tag().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,47}"), spec.tag());
        }
        assertEquals("Remote-PC-01", WorkerJson.parse(Json.createObjectBuilder(json(VALID.get("docker"))).add("name", "Remote-PC-01")
                .build()).tag(), "a safe name is its own tag");
        WorkerSpec spaced = WorkerJson.parse(Json.createObjectBuilder(json(VALID.get("docker"))).add("name", "a b").build());
        WorkerSpec bracketed = WorkerJson.parse(Json.createObjectBuilder(json(VALID.get("docker"))).add("name", "a(b").build());
        assertFalse(spaced.tag().equals(bracketed.tag()), "names differing in unsafe characters keep apart");
        for (String bad : List.of("a/b", " lead", "trail ", "tab\there", "", "x".repeat(65))) {
            assertEquals("name", refused(Json.createObjectBuilder(json(VALID.get("docker"))).add("name", bad).build()).field(), bad);
        }
    }

    @Test
    void aPasswordBecomesAnAliasMadeFromTheNameAndIsKeptOnlyWhenAsked() {
        JsonObject entry = Json.createObjectBuilder(json(VALID.get("psexec"))).remove("credential_alias").add("name", "Remote Windows PC")
                .add("username", ".\\ras").add("password", "s3cret-pw").build();
        WorkerJson.Read read = WorkerJson.read(entry);
        String alias = read.spec().settings(io.rasfleet.worker.psexec.PsExecSettings.class).credentialAlias();
        assertTrue(alias.startsWith("worker-remote-windows-pc-"), alias);
        assertFalse(WorkerJson.write(read.spec()).toString().contains("s3cret-pw"));
        java.util.Map<String, String> kept = new java.util.HashMap<>();
        read.keepPassword(new Secrets() {
            @Override
            public char[] password(String a) {
                throw new AssertionError("only kept, never read");
            }

            @Override
            public void keep(String a, char[] password) {
                kept.put(a, new String(password));
            }
        });
        assertEquals(java.util.Map.of(alias, "s3cret-pw"), kept);
        assertFalse(WorkerJson.alias("Local Compute").equals(WorkerJson.alias("local compute")), "aliases keep case-different names apart");
    }

    @Test
    void aPasswordIsRefusedWhereItCannotBeUsedWithoutQuotingIt() {
        assertEquals("password", refused(Json.createObjectBuilder(json(VALID.get("local"))).add("password", "pw-1").build()).field());
        WorkerConfigException both = refused(Json.createObjectBuilder(json(VALID.get("psexec"))).add("password", "pw-2").build());
        assertEquals("password", both.field());
        WorkerConfigException number = refused(Json.createObjectBuilder(json(VALID.get("psexec"))).remove("credential_alias")
                .add("password", 987654321).build());
        assertFalse(number.getMessage().contains("987654321"), number.getMessage());
        WorkerConfigException noStore = assertThrows(WorkerConfigException.class, () -> WorkerJson.read(Json.createObjectBuilder(
                json(VALID.get("psexec"))).remove("credential_alias").add("password", "pw-3").build()).keepPassword(Secrets.NONE));
        assertEquals("password", noStore.field());
        assertFalse(noStore.getMessage().contains("pw-3"), noStore.getMessage());
    }
}
