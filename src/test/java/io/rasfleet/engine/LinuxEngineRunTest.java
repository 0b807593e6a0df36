package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class LinuxEngineRunTest {

    @TempDir
    Path tmp;

    private Path engine(String unsteadyExit) throws Exception {
        Path engine = Files.createDirectories(tmp.resolve("ras engine"));
        Scripts.write(engine, "RasGeomPreprocess", "echo \"pre $* LD=$LD_LIBRARY_PATH\" >> steps.txt");
        Scripts.write(engine, "RasUnsteady", "echo \"unsteady $*\" >> steps.txt\necho computed >> \"$1\"\nexit " + unsteadyExit);
        return engine;
    }

    @Test
    void preprocessThenUnsteadyThenRenameTheTmpHdf() throws Exception {
        Path engine = engine("0");
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("Muncie.p02.tmp.hdf"), "inputs\n");
        ProcessEnd end = new LinuxEngineRun(engine, model, "Muncie", "02", "05", true)
                .run(PlanLaunch.of(List.of("ignored"), model, Duration.ofMinutes(1), model.resolve("run.log")), p -> { });
        assertTrue(end.exitedCleanly(), end.toString());
        List<String> steps = Files.readAllLines(model.resolve("steps.txt"));
        assertEquals("pre Muncie.p02.tmp.hdf x05 LD=" + engine + "/libs:" + engine + "/libs/mkl:" + engine + "/libs/rhel_8",
                steps.get(0).replaceFirst(":" + System.getenv().getOrDefault("LD_LIBRARY_PATH", "\u0000") + "$", ""));
        assertEquals("unsteady Muncie.p02.tmp.hdf x05", steps.get(1));
        assertFalse(Files.exists(model.resolve("Muncie.p02.tmp.hdf")));
        assertEquals("inputs\ncomputed\n", Files.readString(model.resolve("Muncie.p02.hdf")));
    }

    @Test
    void failedComputeStepLeavesTheTmpHdfUnrenamed() throws Exception {
        Path engine = engine("2");
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("Muncie.p02.tmp.hdf"), "inputs\n");
        ProcessEnd end = new LinuxEngineRun(engine, model, "Muncie", "02", "05", false)
                .run(PlanLaunch.of(List.of("ignored"), model, Duration.ofMinutes(1), model.resolve("run.log")), p -> { });
        assertEquals(2, end.exitCode());
        assertEquals(List.of("unsteady Muncie.p02.tmp.hdf x05"), Files.readAllLines(model.resolve("steps.txt")));
        assertTrue(Files.exists(model.resolve("Muncie.p02.tmp.hdf")));
        assertFalse(Files.exists(model.resolve("Muncie.p02.hdf")));
    }
}
