package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.DamagedHdf;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.UnsteadyResults;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every column of ras-commander's results table on real HEC-RAS 6.5 results and on the stand-in's.
 * Each expected value is worked out by hand from ras-commander's rules (ResultsSummary.summarize_plan,
 * HdfResultsPlan.get_runtime_data, ResultsParser) applied to what the file holds; the comments say how.
 */
class ResultColumnsTest {

    @TempDir
    Path tmp;

    @Test
    void baxterHasEveryColumnAsRasCommanderComputesIt() throws Exception {
        Path hdf = SampleProjects.rasSample("Baxter.p01.hdf", tmp);
        ResultColumns c = ResultColumns.read(new PlanFacts("01", "Steady Flows", "Steady", "6.50"), hdf, null);
        Map<String, Object> expected = identity("01", "Steady Flows", "Steady", hdf, "6.50");
        // the messages end "Complete Process\t       3": a whole Complete Process record, so completed;
        // no line matches an error pattern or a warning word
        expected.putAll(counts(true, false, false, 0, 0, null));
        // /Plan Data/Plan Information has no Simulation Start Time: strptime("Unknown") fails, get_runtime_data
        // answers None and the compute messages' task table is read instead: Complete Process 3 s = 3/3600 h;
        // "Steady Flow Computations" is no task ras-commander maps, and there is no speed table
        expected.put("runtime_complete_process_hours", new BigDecimal("0.0008333333333333334"));
        expected.put("runtime_source", "compute_messages");
        // a steady plan: no volume columns
        assertEquals(expected, c.values());
        assertEquals(List.of(), c.unreadable());
    }

    @Test
    void flodencrHasEveryColumnAsRasCommanderComputesIt() throws Exception {
        Path hdf = SampleProjects.rasSample("FLODENCR.p01.hdf", tmp);
        ResultColumns c = ResultColumns.read(new PlanFacts("01", "Method 5 Encroachment", "Steady", null), hdf, null);
        Map<String, Object> expected = identity("01", "Method 5 Encroachment", "Steady", hdf, null);
        expected.putAll(counts(true, false, false, 0, 0, null));
        // "Complete Process\t       1" in the task table: 1/3600 h, Python's repr 0.0002777777777777778
        expected.put("runtime_complete_process_hours", new BigDecimal("0.0002777777777777778"));
        expected.put("runtime_source", "compute_messages");
        assertEquals(expected, c.values());
    }

    @Test
    void standInSuccessHasEveryColumnAsRasCommanderComputesIt() throws Exception {
        Path hdf = standIn("01", "success");
        ResultColumns c = ResultColumns.read(new PlanFacts("01", "Muncie base 15s", "Unsteady", "6.50"), hdf, null);
        Map<String, Object> expected = identity("01", "Muncie base 15s", "Unsteady", hdf, "6.50");
        String messages = messagesOf(hdf);
        long seconds = completeProcessSeconds(messages);
        // "Complete Process\t<n>" closes the summary: completed. The two "Overall Volume Accounting Error ..."
        // lines match \berror\b but also the exclusion "volume accounting error"; no warning word appears
        expected.putAll(counts(true, false, false, 0, 0, null));
        // the stand-in writes no Compute Processes table: get_runtime_data answers None, the messages' task
        // table gives Complete Process and Unsteady Flow Computations (both <n> s); no window in that fallback
        expected.put("runtime_complete_process_hours", ShortestDecimal.of(seconds / 3600.0));
        expected.put("runtime_unsteady_compute_hours", ShortestDecimal.of(seconds / 3600.0));
        expected.put("runtime_source", "compute_messages");
        // Volume Accounting exists, so its attributes (32-bit floats) are taken as they are, each printed as
        // the float's shortest decimal, which reads back to the same float
        expected.putAll(volume(hdf));
        assertEquals(expected, c.values());
        assertEquals(List.of(), c.unreadable());
        float percent = Float.parseFloat(c.get("vol_error_percent").toString());
        try (HdfFile file = new HdfFile(hdf)) {
            assertEquals((Float) file.getByPath(ResultFile.VOLUME_ACCOUNTING).getAttribute("Error Percent").getData(), percent);
        }
    }

    @Test
    void standInSolverErrorIsCompletedForRasCommanderAndHasItsError() throws Exception {
        Path hdf = standIn("04", "solver-error");
        ResultColumns c = ResultColumns.read(new PlanFacts("04", "t", "Unsteady", "6.50"), hdf, null);
        String messages = messagesOf(hdf);
        String error = messages.lines().filter(l -> l.startsWith("ERROR: ")).findFirst().orElseThrow().strip();
        assertTrue(error.startsWith("ERROR: Unsteady flow computations went unstable at "), error);
        Map<String, Object> expected = identity("04", "t", "Unsteady", hdf, "6.50");
        // the stand-in still closes the summary with Complete Process: ras-commander says completed, our
        // verdict says failed. One error line (\berror\s*:); "The unsteady computations were stopped." matches
        // no error pattern; the error line's "exceeded" is not counted twice (warnings only for non-errors);
        // one warning: the first line, "Plan: 'Muncie unstable 1MIN' (Muncie.p04)", holds the word "unstable"
        assertTrue(messages.contains("Plan: 'Muncie unstable 1MIN'"), messages);
        expected.putAll(counts(true, true, true, 1, 1, error));
        long seconds = completeProcessSeconds(messages);
        expected.put("runtime_complete_process_hours", ShortestDecimal.of(seconds / 3600.0));
        expected.put("runtime_unsteady_compute_hours", ShortestDecimal.of(seconds / 3600.0));
        expected.put("runtime_source", "compute_messages");
        expected.putAll(volume(hdf));
        assertEquals(expected, c.values());
    }

    @Test
    void planWithoutResultFileIsReadFromItsKeptMessages() throws Exception {
        String kept = "ERROR: Unsteady flow computations went unstable at 03JAN1900 0600\r\nWarning: slow\r\n"
                + "Computation Task\tTime(hh:mm:ss)\r\nUnsteady Flow Computations\t1:05\r\nComplete Process\t1:07\r\n"
                + "Overall Volume Accounting Error as percentage:  0.25\r\n";
        ResultColumns c = ResultColumns.read(new PlanFacts("03", "t", "Unsteady", null), null, kept);
        Map<String, Object> expected = identity("03", "t", "Unsteady", null, null);
        expected.put("hdf_path", null);
        // Complete Process 1:07 is a record of minutes and seconds; one error, one warning ("Warning")
        expected.putAll(counts(true, true, true, 1, 1, "ERROR: Unsteady flow computations went unstable at 03JAN1900 0600"));
        expected.put("runtime_complete_process_hours", ShortestDecimal.of(67 / 3600.0));
        expected.put("runtime_unsteady_compute_hours", ShortestDecimal.of(65 / 3600.0));
        expected.put("runtime_source", "compute_messages");
        // no Volume Accounting group: an unsteady plan takes the messages' percentage
        expected.put("vol_error_percent", new BigDecimal("0.25"));
        assertEquals(expected, c.values());
    }

    @Test
    void resultFileWithoutMessagesTakesTheTextFileBesideIt() throws Exception {
        Path hdf = tmp.resolve("Bare.p02.hdf");
        try (io.jhdf.WritableHdfFile file = HdfFile.write(hdf)) {
            file.putGroup("Results").putGroup("Steady").putGroup("Summary").putAttribute("Solution", "Steady Finished Successfully");
        }
        Files.writeString(tmp.resolve("Bare.p02.computeMsgs.txt"), "Computation Task\tTime(hh:mm:ss)\nComplete Process\t  42\nnotice: something\n");
        ResultColumns c = ResultColumns.read(new PlanFacts("02", "t", "Steady", null), hdf, "ERROR: kept, not read");
        assertEquals(true, c.get("completed"));
        assertEquals(1, c.get("warning_count"));
        assertEquals(0, c.get("error_count"), "a file's messages win over the kept ones");
        assertEquals(ShortestDecimal.of(42 / 3600.0), c.get("runtime_complete_process_hours"));
    }

    @Test
    void unreadablePartIsNamedAndTheRestIsRead() throws Exception {
        Path file = UnsteadyResults.write(tmp.resolve("Damaged.p01.hdf"), "Unsteady Finished Successfully",
                "ERROR: something\r\nComputations Summary\r\nComputation Task\tTime\r\nComplete Process\t00:01:30\r\n");
        DamagedHdf.unreadableStringAttribute(file, "Solution");
        ResultColumns c = ResultColumns.read(new PlanFacts("01", "t", "Unsteady", null), file, null);
        assertEquals(true, c.get("has_errors"));
        assertEquals("ERROR: something", c.get("first_error_line"));
        assertEquals(ShortestDecimal.of(90 / 3600.0), c.get("runtime_complete_process_hours"));
        assertEquals(1, c.unreadable().size(), c.unreadable().toString());
        assertTrue(c.unreadable().get(0).contains("cannot be read"), c.unreadable().toString());
    }

    @Test
    void missingFileLeavesItsColumnsAtRasCommandersDefaults() {
        ResultColumns c = ResultColumns.read(new PlanFacts("02", "t", "Unknown", null), tmp.resolve("Gone.p02.hdf"), null);
        assertEquals(false, c.get("hdf_exists"));
        assertEquals(false, c.get("completed"));
        assertEquals(0, c.get("error_count"));
        assertNull(c.get("runtime_source"));
        assertThrows(IllegalArgumentException.class, () -> c.get("plan"));
    }

    /** ras-commander's defaults for a plan, before anything is read from its file. */
    private static Map<String, Object> identity(String plan, String title, String flow, Path hdf, String version) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        ResultColumns.NAMES.forEach(n -> row.put(n, null));
        row.put("plan_number", plan);
        row.put("plan_title", title);
        row.put("flow_type", flow);
        row.put("hdf_path", hdf == null ? null : hdf.toString());
        row.put("hdf_exists", hdf != null);
        row.put("hdf_file_modified", hdf == null ? null : Files.getLastModifiedTime(hdf).toInstant().toString());
        row.put("ras_version", version);
        return row;
    }

    private static Map<String, Object> counts(boolean completed, boolean errors, boolean warnings, int errorCount,
            int warningCount, String firstError) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("completed", completed);
        row.put("has_errors", errors);
        row.put("has_warnings", warnings);
        row.put("error_count", errorCount);
        row.put("warning_count", warningCount);
        row.put("first_error_line", firstError);
        return row;
    }

    /** The Volume Accounting attributes read with jhdf alone, each float as Float.toString prints it (shortest for these). */
    private static Map<String, Object> volume(Path hdf) {
        Map<String, String> names = Map.of("Error", "vol_error", "Error Percent", "vol_error_percent",
                "Total Boundary Flux of Water In", "vol_flux_in", "Total Boundary Flux of Water Out", "vol_flux_out",
                "Volume Starting", "vol_starting", "Volume Ending", "vol_ending");
        Map<String, Object> row = new LinkedHashMap<>();
        try (HdfFile file = new HdfFile(hdf)) {
            names.forEach((attribute, column) -> {
                float value = (Float) file.getByPath(ResultFile.VOLUME_ACCOUNTING).getAttribute(attribute).getData();
                row.put(column, new BigDecimal(Float.toString(value)).stripTrailingZeros().setScale(
                        Math.max(1, new BigDecimal(Float.toString(value)).stripTrailingZeros().scale())));
            });
        }
        row.put("vol_accounting_units", "Acre Feet");
        return row;
    }

    private static String messagesOf(Path hdf) {
        try (ResultFile file = ResultFile.open(hdf)) {
            return file.computeMessages();
        }
    }

    /** The stand-in's "Complete Process\t<n>" line: whole seconds. */
    private static long completeProcessSeconds(String messages) {
        return Long.parseLong(messages.lines().filter(l -> l.startsWith("Complete Process\t")).findFirst().orElseThrow()
                .substring("Complete Process\t".length()).strip());
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
