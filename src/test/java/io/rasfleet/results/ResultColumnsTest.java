package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.DamagedHdf;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.UnsteadyResults;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results table's columns read from real HEC-RAS 6.5 results and from the stand-in's. */
class ResultColumnsTest {

    private static final double HOUR_MS = 3_600_000.0;

    @TempDir
    Path tmp;

    @Test
    void baxterRunTimesComeFromItsComputeProcesses() {
        ResultColumns c = ResultColumns.read(SampleProjects.rasSample("Baxter.p01.hdf", tmp));
        // Ras.exe 0 + RasMapper 0 + Completing Geometry, Flow and Plan 2266 + Steady Flow Computations 625 ms;
        // its compute messages round the same process to "Complete Process 3" seconds
        assertEquals(2891 / HOUR_MS, c.runTimes().completeProcessHours(), 1e-12);
        assertEquals(RunTimes.PROCESSES, c.runTimes().source());
        assertNull(c.runTimes().unsteadyComputeHours(), "a steady plan has no unsteady computation");
        assertNull(c.runTimes().simulationHours(), "a steady plan has no simulation window");
        assertNull(c.runTimes().completeProcessSpeed());
        assertNull(c.volErrorPercent(), "a steady plan has no volume accounting");
        assertEquals(false, c.hasErrors());
        assertEquals(0, c.errorCount());
        assertNull(c.firstErrorLine());
        assertEquals(List.of(), c.unreadable());
    }

    @Test
    void flodencrRunTimesComeFromItsComputeProcesses() {
        ResultColumns c = ResultColumns.read(SampleProjects.rasSample("FLODENCR.p01.hdf", tmp));
        assertEquals((1516 + 360) / HOUR_MS, c.runTimes().completeProcessHours(), 1e-12);
        assertEquals(RunTimes.PROCESSES, c.runTimes().source());
        assertEquals(false, c.hasErrors());
    }

    @Test
    void standInSuccessHasItsWindowVolumeErrorAndTimesFromItsComputeMessages() throws Exception {
        Path hdf = standIn("01", "success");
        ResultColumns c = ResultColumns.read(hdf);
        RunTimes t = c.runTimes();
        assertEquals(48.0, t.simulationHours(), "02JAN1900 00:00:00 to 04JAN1900 00:00:00 (03JAN1900 2400)");
        assertEquals(RunTimes.MESSAGES, t.source(), "the stand-in writes no Compute Processes table");
        String messages;
        try (ResultFile file = ResultFile.open(hdf)) {
            messages = file.computeMessages();
            assertEquals(file.summary().volumeErrorPercent(), c.volErrorPercent());
        }
        double seconds = ComputeMessages.summarySeconds(messages, "Complete Process");
        assertTrue(seconds >= 1, messages);
        assertEquals(seconds / 3600, t.completeProcessHours(), 1e-12);
        assertEquals(ComputeMessages.summarySeconds(messages, "Unsteady Flow Computations") / 3600, t.unsteadyComputeHours(), 1e-12);
        assertEquals(48.0 / t.completeProcessHours(), t.completeProcessSpeed(), 1e-6);
        assertTrue(c.volErrorPercent() != null, "the stand-in writes volume accounting");
        assertEquals(false, c.hasErrors(), "volume accounting lines are not errors");
        assertEquals(List.of(), c.unreadable());
    }

    @Test
    void standInSolverErrorCountsItsErrorLines() throws Exception {
        ResultColumns c = ResultColumns.read(standIn("04", "solver-error"));
        assertEquals(true, c.hasErrors());
        assertTrue(c.errorCount() >= 1);
        assertTrue(c.firstErrorLine().startsWith("ERROR: Unsteady flow computations went unstable at 03JAN1900"), c.firstErrorLine());
    }

    @Test
    void missingFileLeavesEveryColumnEmptyAndSaysWhy() {
        ResultColumns c = ResultColumns.read(tmp.resolve("Gone.p02.hdf"));
        assertNull(c.hasErrors());
        assertNull(c.errorCount());
        assertNull(c.runTimes().completeProcessHours());
        assertNull(c.runTimes().source());
        assertEquals(1, c.unreadable().size());
        assertTrue(c.unreadable().get(0).startsWith("Gone.p02.hdf does not exist"), c.unreadable().toString());
    }

    @Test
    void unreadablePartIsNamedAndTheRestIsRead() throws Exception {
        Path file = UnsteadyResults.write(tmp.resolve("Damaged.p01.hdf"), "Unsteady Finished Successfully",
                "ERROR: something\r\nComputations Summary\r\nComplete Process\t00:01:30\r\n");
        DamagedHdf.unreadableStringAttribute(file, "Solution");
        ResultColumns c = ResultColumns.read(file);
        assertEquals(true, c.hasErrors());
        assertEquals("ERROR: something", c.firstErrorLine());
        assertEquals(90 / 3600.0, c.runTimes().completeProcessHours(), 1e-12);
        assertNull(c.volErrorPercent());
        assertEquals(1, c.unreadable().size(), c.unreadable().toString());
        assertTrue(c.unreadable().get(0).startsWith("/Results/Unsteady/Summary in Damaged.p01.hdf cannot be read"));
    }

    @Test
    void summaryTimesAreSecondsOrClockTimesAndUnderASecondIsUnknown() {
        String text = "Computation Task\tTime(hh:mm:ss)\r\nCompleting Geometry, Flow and Plan\t<1\r\n"
                + "Unsteady Flow Computations\t01:02:03\r\nComplete Process\t       3\r\n";
        assertNull(ComputeMessages.summarySeconds(text, "Completing Geometry, Flow and Plan"));
        assertEquals(3723.0, ComputeMessages.summarySeconds(text, "Unsteady Flow Computations"));
        assertEquals(3.0, ComputeMessages.summarySeconds(text, "Complete Process"));
        assertNull(ComputeMessages.summarySeconds(text, "Post Processing"));
        assertNull(ComputeMessages.summarySeconds(null, "Complete Process"));
    }

    @Test
    void noFileMeansNoValues() {
        ResultColumns c = ResultColumns.none();
        assertNull(c.hasErrors());
        assertNull(c.runTimes().simulationHours());
        assertFalse(c.unreadable().iterator().hasNext());
    }

    /** Runs the stand-in on plan {@code plan} of a copy of the sample project and answers its results file. */
    private Path standIn(String plan, String outcome) throws Exception {
        Path project = SampleProjects.muncie(tmp);
        KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie.p" + plan));
        text.setAll("RASSIM Outcome", outcome, null);
        text.setAll("RASSIM Seconds", "0.2", null);
        text.save();
        Process process = new ProcessBuilder(StandIn.ras(project.resolve("Muncie.prj"), project.resolve("Muncie.p" + plan)))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("sim.log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the stand-in ended");
        return project.resolve("Muncie.p" + plan + ".hdf");
    }
}
