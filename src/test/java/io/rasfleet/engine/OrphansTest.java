package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import io.rasfleet.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class OrphansTest {

    @TempDir
    Path tmp;

    @Test
    void aRecordedProcessTreeIsEndedOnlyWhenItsStartMatches() throws Exception {
        Scripts.write(tmp, "child.sh", "sleep 300");
        Path launcher = Scripts.write(tmp, "orphan.sh", "sh \"" + tmp + "/child.sh\" &\nwait");
        Process process = new ProcessBuilder(launcher.toString()).start();
        PlanProcessTest.waitFor(() -> Processes.mentioning(tmp + "/child.sh").size() == 1);
        Instant started = process.toHandle().info().startInstant().orElseThrow();

        assertFalse(Orphans.kill(process.pid(), started.minusSeconds(3600)), "another start: a reused pid, not ours");
        assertTrue(process.isAlive());
        assertTrue(Orphans.kill(process.pid(), started));
        PlanProcessTest.waitFor(() -> !process.isAlive());
        assertEquals(List.of(), Processes.mentioning(tmp.toString()));
        assertFalse(Orphans.kill(process.pid(), started), "gone already");
    }
}
