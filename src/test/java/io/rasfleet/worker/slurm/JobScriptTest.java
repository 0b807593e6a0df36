package io.rasfleet.worker.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.worker.PlanTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch script as {@code sh} runs it, without a cluster: slurmd's part is only to start it
 * with {@code SLURM_JOB_ID} set and to signal it, which a test can do as well. The engine is a
 * shell script that computes forever and says where it runs.
 */
@EnabledOnOs(OS.LINUX)
class JobScriptTest {

    @TempDir
    Path tmp;

    private PlanTask task() {
        RasProject project = RasProject.open(SampleProjects.muncie(tmp.resolve("project")));
        PlanId id = PlanId.parse("1");
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), 1, 1, Duration.ofMinutes(1), false,
                null);
    }

    /** An engine whose RasUnsteady writes its pid into the engine folder and then never ends. */
    private Path endlessEngine() throws Exception {
        Path engine = Files.createDirectories(tmp.resolve("engine"));
        Path program = engine.resolve("RasUnsteady");
        Files.writeString(program, "#!/bin/sh\necho $$ > " + engine.resolve("pid") + "\nwhile true; do sleep 1; done\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return engine;
    }

    private Process start(Path home, String text) throws Exception {
        Path script = Files.writeString(home.resolve(JobScript.NAME), text);
        ProcessBuilder sh = new ProcessBuilder("sh", script.toString()).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("job.out").toFile());
        sh.environment().put("SLURM_JOB_ID", "4242");
        return sh.start();
    }

    @Test
    void terminatedJobEndsItsEngineAndRemovesItsScratchCopy() throws Exception {
        Path engine = endlessEngine();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("input.txt"), "the plan's files");
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        Process job = start(home, JobScript.text(task(), home.toString(), engine.toString(), 0, scratch.toString(), "test"));
        long enginePid = Await.until("the engine computing in scratch", Duration.ofSeconds(20),
                () -> Files.exists(engine.resolve("pid")) ? Long.parseLong(Files.readString(engine.resolve("pid")).strip()) : 0L,
                pid -> pid > 0);
        assertTrue(Files.isRegularFile(scratch.resolve("rasfleet-4242/input.txt")), "the job computes in its scratch copy");
        // what slurmd does at scancel, and at --signal=B:TERM before the time limit: TERM to the batch shell
        job.destroy();
        assertTrue(job.waitFor(20, TimeUnit.SECONDS), "the script ended on TERM: " + Files.readString(tmp.resolve("job.out")));
        try (var left = Files.list(scratch)) {
            assertEquals(List.of(), left.toList(), "the scratch copy was removed");
        }
        Await.until("the engine ended with its job", Duration.ofSeconds(10),
                () -> ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        Optional<JobScript.Exit> exit = Files.exists(home.resolve(JobScript.EXIT_FILE))
                ? Optional.ofNullable(JobScript.exit(Files.readString(home.resolve(JobScript.EXIT_FILE)))) : Optional.empty();
        assertFalse(exit.isPresent() && exit.get().code() == 0, "a terminated job never says it ended cleanly: " + exit);
    }
}
