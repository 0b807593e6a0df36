package io.rasfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.DamagedHdf;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.UnsteadyResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasfleetCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new RasfleetCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void inspectOfASucceededPlanPrintsVerdictAndSummaryAndExitsZero() {
        Path file = SampleProjects.rasSample("FLODENCR.p01.hdf", tmp);
        assertEquals(0, run("inspect", file.toString()));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"verdict\": \"SUCCEEDED\""), json);
        assertTrue(json.contains("\"solution\": \"Steady Finished Successfully\""), json);
        assertTrue(json.contains("\"runTimeWindow\": \"13JUN2024 14:10:23 to 13JUN2024 14:10:23\""), json);
        assertTrue(json.contains("\"computeMillis\": 1516"), json);
        assertTrue(json.contains("Complete Process\\t       1"), json);
    }

    @Test
    void inspectOfUnusableInputExitsTwoWithTheReason() throws Exception {
        Path text = Files.writeString(tmp.resolve("Bad.p01.hdf"), "nope");
        assertEquals(2, run("inspect", text.toString()));
        assertEquals("rasfleet inspect: Bad.p01.hdf is not a HDF5 file (no HDF5 signature)", err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inspectOfAnUnreadableSolutionIsIncompleteNamingItAndStillPrintsTheRest() throws Exception {
        Path file = UnsteadyResults.write(tmp.resolve("Damaged.p01.hdf"), "Unsteady Finished Successfully", "Complete Process\r\n");
        DamagedHdf.unreadableStringAttribute(file, "Solution");
        assertEquals(1, run("inspect", file.toString()));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"verdict\": \"INCOMPLETE\""), json);
        assertTrue(json.contains("\"reason\": \"attribute Solution of /Results/Unsteady/Summary in Damaged.p01.hdf cannot be read: "), json);
        assertTrue(json.contains("\"computeMessages\": \"Complete Process\\n\""), json);
        assertTrue(json.contains("\"unreadable\": [\n    \"/Results/Unsteady/Summary in Damaged.p01.hdf cannot be read: "), json);
    }

    @Test
    void plansPrintsEachPlanWithGeometryFlowAndKind() {
        assertEquals(0, run("plans", SampleProjects.muncie(tmp).toString()));
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"plan\": \"04\""), json);
        assertTrue(json.contains("\"title\": \"Muncie unstable 1MIN\""), json);
        assertTrue(json.contains("\"geometry\": \"g05\""), json);
        assertTrue(json.contains("\"flowKind\": \"unsteady\""), json);
        assertTrue(json.contains("\"hasResult\": false"), json);
    }

    @Test
    void plansOfAFolderWithoutProjectExitsTwo() {
        assertEquals(2, run("plans", tmp.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no HEC-RAS project file"));
    }

    @Test
    void wrongUsageExitsTwoWithUsage() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: rasfleet-cli inspect"));
    }
}
