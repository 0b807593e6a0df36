package io.rasfleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.PlanProcess;
import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.SampleProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The launchers {@code mvn package} leaves in target/ras-sim and target/rasfleet-cli, run as a user would. */
@EnabledOnOs(OS.LINUX)
class PackagedStandInIT {

    private static final Path SIM = Path.of(System.getProperty("rasfleet.sim.dir", "target/ras-sim"));
    private static final Path CLI = SIM.getParent().resolve("rasfleet-cli");

    @TempDir
    Path tmp;

    @Test
    void rasLauncherRunsAPlanAndTheCliJudgesItsResult() throws Exception {
        Path project = SampleProjects.muncie(tmp);
        steer(project, "p02", "success");
        ProcessEnd end = launch(RasCommandLines.windows(SIM.resolve("Ras"), project.resolve("Muncie.prj"),
                project.resolve("Muncie.p02")), project, Duration.ofMinutes(2));
        assertTrue(end.exitedCleanly(), end + ": " + Files.readString(tmp.resolve("run.log")));
        ProcessEnd inspect = launch(List.of(CLI.toString(), "inspect", project.resolve("Muncie.p02.hdf").toString()),
                project, Duration.ofMinutes(1));
        assertEquals(0, inspect.exitCode());
        assertTrue(Files.readString(tmp.resolve("run.log")).contains("\"verdict\": \"SUCCEEDED\""));
    }

    @Test
    void linuxStyleLaunchersComputeFromPreprocessedInputs() throws Exception {
        Path project = SampleProjects.muncie(tmp);
        steer(project, "p01", "success");
        launch(RasCommandLines.windows(SIM.resolve("Ras"), project.resolve("Muncie.prj"), project.resolve("Muncie.p01")),
                project, Duration.ofMinutes(2));
        Path computeFile = Files.move(project.resolve("Muncie.p01.hdf"), project.resolve("Muncie.p01.tmp.hdf"));
        FileTime before = Files.getLastModifiedTime(computeFile);
        for (List<String> step : List.of(RasCommandLines.linuxGeometryPreprocess(SIM.toString(), "Muncie", "01", "05"),
                RasCommandLines.linuxUnsteady(SIM.toString(), "Muncie", "01", "05"))) {
            ProcessEnd end = launch(step, project, Duration.ofMinutes(2));
            assertTrue(end.exitedCleanly(), step + ": " + end + ": " + Files.readString(tmp.resolve("run.log")));
        }
        assertTrue(Files.getLastModifiedTime(computeFile).compareTo(before) > 0, "RasUnsteady computed into the .tmp.hdf");
        assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(computeFile, RunEvidence.none()).state());
    }

    @Test
    void hangingLauncherTreeIsKilledAtTheTimeLimit() throws Exception {
        Path project = SampleProjects.muncie(tmp);
        steer(project, "p03", "hang");
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(SIM.resolve("Ras"), project.resolve("Muncie.prj"),
                project.resolve("Muncie.p03")), project, Duration.ofSeconds(6), tmp.resolve("run.log"));
        List<Long> pids;
        try (PlanProcess process = PlanProcess.start(launch)) {
            assertEquals(ProcessEnd.How.TIMED_OUT, process.await().how());
            pids = process.pids();
        }
        assertTrue(pids.size() >= 2, "the launcher script and the stand-in's JVM: " + pids);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
    }

    private ProcessEnd launch(List<String> command, Path folder, Duration limit) throws Exception {
        try (PlanProcess process = PlanProcess.start(PlanLaunch.of(command, folder, limit, tmp.resolve("run.log")))) {
            return process.await();
        }
    }

    private static void steer(Path project, String plan, String outcome) {
        KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie." + plan));
        text.setAll("RASSIM Outcome", outcome, null);
        text.setAll("RASSIM Seconds", "1", null);
        text.save();
    }
}
