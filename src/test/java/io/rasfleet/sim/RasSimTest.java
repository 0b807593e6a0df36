package io.rasfleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.SampleProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in run in this JVM (no launcher): what it writes for each outcome and command line. */
class RasSimTest {

    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void copyProject() {
        project = SampleProjects.muncie(tmp);
    }

    @Test
    void successWritesResultInHecRasLayoutThroughTheTmpFile() throws Exception {
        steer("01", "success", "0.2");
        assertEquals(0, ras("01"));
        Path result = project.resolve("Muncie.p01.hdf");
        assertTrue(Files.exists(result));
        assertFalse(Files.exists(project.resolve("Muncie.p01.tmp.hdf")), "the tmp file was renamed");
        try (HdfFile hdf = new HdfFile(result)) {
            assertEquals("HEC-RAS Results", hdf.getAttribute("File Type").getData());
            assertTrue(((String) hdf.getAttribute("File Version").getData()).startsWith("rasfleet HEC-RAS stand-in "));
            assertEquals("Muncie base 15s", hdf.getByPath("/Plan Data/Plan Information").getAttribute("Plan Title").getData());
            assertEquals("Base15s", hdf.getByPath("/Plan Data/Plan Information").getAttribute("Plan ShortID").getData());
            var summary = hdf.getByPath("/Results/Unsteady/Summary");
            assertEquals("Unsteady Finished Successfully", summary.getAttribute("Solution").getData());
            assertEquals(Runtime.getRuntime().availableProcessors(), summary.getAttribute("Maximum number of cores").getData(),
                    "cores keys are 0 in the sample: all cores");
            assertTrue(hdf.getByPath("/Results/Unsteady/Summary/Volume Accounting").getAttributes().containsKey("Error Percent"));
            String messages = ((String[]) hdf.getDatasetByPath("/Results/Summary/Compute Messages (text)").getData())[0];
            assertTrue(messages.startsWith("rasfleet HEC-RAS stand-in"), messages);
            assertTrue(messages.contains("\r\nComplete Process\t"), messages);
            Dataset ws = hdf.getDatasetByPath(
                    "/Results/Unsteady/Output/Output Blocks/Base Output/Unsteady Time Series/Cross Sections/Water Surface");
            int[] shape = ws.getDimensions();
            assertEquals(61, shape[1], "one column per cross section of Muncie.g05");
            assertEquals(49, shape[0], "hourly output over two days, both ends included");
            float[][] values = (float[][]) ws.getData();
            assertTrue(values[0][0] > 900 && values[0][0] < 1000, "bed elevation plus a depth: " + values[0][0]);
        }
    }

    @Test
    void progressLinesAreWrittenToTheComputeMessagesFile() throws Exception {
        steer("02", "success", "0.2");
        assertEquals(0, ras("02"));
        List<String> lines = Files.readAllLines(project.resolve("Muncie.p02.computeMsgs.txt"));
        assertTrue(lines.get(0).startsWith("rasfleet HEC-RAS stand-in"), lines.get(0));
        assertTrue(lines.contains("Progress | 0.5000"), lines.toString());
        assertTrue(lines.contains("Progress | 1.0000"), lines.toString());
        assertTrue(Files.readString(project.resolve("Muncie.p02.computeMsgs.txt")).contains("\r\n"), "CRLF as on Windows");
    }

    @Test
    void coresKeysOfThePlanSetTheMaximumNumberOfCores() throws Exception {
        steer("01", "success", "0");
        KeyedTextFile plan = KeyedTextFile.read(project.resolve("Muncie.p01"));
        plan.setAll("UNET D2 Cores", " 3", null);
        plan.save();
        assertEquals(0, ras("01"));
        try (HdfFile hdf = new HdfFile(project.resolve("Muncie.p01.hdf"))) {
            assertEquals(3, hdf.getByPath("/Results/Unsteady/Summary").getAttribute("Maximum number of cores").getData());
        }
    }

    @Test
    void solverErrorExitsZeroWithErrorLinesAndAnUnstableSolution() throws Exception {
        steer("04", "solver-error", "0.1");
        assertEquals(0, ras("04"));
        try (HdfFile hdf = new HdfFile(project.resolve("Muncie.p04.hdf"))) {
            String solution = (String) hdf.getByPath("/Results/Unsteady/Summary").getAttribute("Solution").getData();
            assertFalse(solution.contains("Finished Successfully"), solution);
            String messages = ((String[]) hdf.getDatasetByPath("/Results/Summary/Compute Messages (text)").getData())[0];
            assertTrue(messages.contains("ERROR: Unsteady flow computations went unstable"), messages);
        }
    }

    @Test
    void crashExitsThreeAndLeavesNoResult() throws Exception {
        steer("03", "crash", "0.1");
        assertEquals(3, ras("03"));
        assertFalse(Files.exists(project.resolve("Muncie.p03.hdf")));
        assertTrue(Files.readString(project.resolve("Muncie.p03.computeMsgs.txt")).contains("severe"));
    }

    @Test
    void noOutputExitsZeroAndWritesNothing() throws Exception {
        steer("05", "no-output", "0.1");
        assertEquals(0, ras("05"));
        assertFalse(Files.exists(project.resolve("Muncie.p05.hdf")));
        assertFalse(Files.exists(project.resolve("Muncie.p05.computeMsgs.txt")));
    }

    @Test
    void linuxEngineComputesFromTheInputsAPreprocessingRunLeftAndLeavesTheRenameToItsCaller() throws Exception {
        steer("01", "success", "0.1");
        assertEquals(0, ras("01"));
        Path work = Files.createDirectories(tmp.resolve("linux"));
        Files.copy(project.resolve("Muncie.p01.hdf"), work.resolve("Muncie.p01.tmp.hdf"));
        Files.copy(project.resolve("Muncie.b01"), work.resolve("Muncie.b01"));
        Files.copy(project.resolve("Muncie.x05"), work.resolve("Muncie.x05"));
        assertEquals(0, RasSim.run(new String[] {"RasGeomPreprocess", "Muncie.p01.tmp.hdf", "x05"}, work));
        assertEquals(0, RasSim.run(new String[] {"RasUnsteady", "Muncie.p01.tmp.hdf", "x05"}, work));
        assertFalse(Files.exists(work.resolve("Muncie.p01.hdf")));
        try (HdfFile hdf = new HdfFile(work.resolve("Muncie.p01.tmp.hdf"))) {
            assertEquals("Unsteady Finished Successfully",
                    hdf.getByPath("/Results/Unsteady/Summary").getAttribute("Solution").getData());
            assertEquals("Muncie base 15s", hdf.getByPath("/Plan Data/Plan Information").getAttribute("Plan Title").getData());
        }
        String messages = Files.readString(work.resolve("Muncie.p01.computeMsgs.txt"));
        assertTrue(messages.contains("Finished Processing Geometry") && messages.contains("Finished Unsteady Flow Simulation"),
                "the preprocess step's messages are kept by the compute step: " + messages);
    }

    @Test
    void linuxEngineWithoutComputeInputsExitsOneAndSaysWhatIsMissing() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("linux"));
        Files.writeString(work.resolve("Muncie.p01.tmp.hdf"), "x");
        assertEquals(1, RasSim.run(new String[] {"RasUnsteady", "Muncie.p01.tmp.hdf", "x05"}, work));
    }

    @Test
    void badCommandLinesExitTwo() {
        assertEquals(2, RasSim.run(new String[] {"Ras", "Muncie.prj", "Muncie.p01"}, project), "no -c");
        assertEquals(2, RasSim.run(new String[] {"Ras", "-c", "Muncie.prj", "Other.p01"}, project));
        assertEquals(2, RasSim.run(new String[] {"Ras", "-c", "Muncie.prj", "Muncie.p09"}, project), "unknown plan");
        assertEquals(2, RasSim.run(new String[] {"RasUnsteady", "Muncie.p01.hdf", "x05"}, project));
        assertEquals(2, RasSim.run(new String[] {"RasUnsteady", "Muncie.p01.tmp.hdf", "g05"}, project));
        assertEquals(2, RasSim.run(new String[] {"Nope"}, project));
        assertEquals(2, RasSim.run(new String[] {}, project));
    }

    @Test
    void unknownOutcomeIsRefusedWithTheKnownOnes() throws Exception {
        steer("01", "explode", "0");
        assertEquals(2, ras("01"));
    }

    private int ras(String plan) {
        return RasSim.run(new String[] {"Ras", "-c", project.resolve("Muncie.prj").toString(), "Muncie.p" + plan}, project);
    }

    private void steer(String plan, String outcome, String seconds) {
        KeyedTextFile text = KeyedTextFile.read(project.resolve("Muncie.p" + plan));
        text.setAll("RASSIM Outcome", outcome, null);
        text.setAll("RASSIM Seconds", seconds, null);
        text.save();
    }

    @Test
    void waterSurfaceRisesWithTheGeometrysManningsNAndTheFlowFilesFlow() throws Exception {
        List<io.rasfleet.results.MaxWaterSurface.Section> base = maxWaterSurface();
        // the geometry's own n values scaled up, then the flow file's hydrograph: each is what a modeller changes
        rewrite("Muncie.g05", "#Mann=", 3, (k, v) -> k % 3 == 1 ? v * 1.5 : v);
        List<io.rasfleet.results.MaxWaterSurface.Section> rougher = maxWaterSurface();
        rewrite("Muncie.u02", "Flow Hydrograph=", 1, (k, v) -> v * 2);
        List<io.rasfleet.results.MaxWaterSurface.Section> rougherAndMore = maxWaterSurface();
        assertEquals(61, base.size());
        for (int x = 0; x < base.size(); x++) {
            assertTrue(rougher.get(x).maxWaterSurface() > base.get(x).maxWaterSurface() + 0.5,
                    "n x1.5 raises section " + base.get(x).station() + ": " + base.get(x) + " -> " + rougher.get(x));
            assertTrue(rougherAndMore.get(x).maxWaterSurface() > rougher.get(x).maxWaterSurface() + 0.5,
                    "flow x2 raises section " + base.get(x).station() + ": " + rougher.get(x) + " -> " + rougherAndMore.get(x));
        }
        assertEquals(maxWaterSurface(), rougherAndMore, "the same inputs give the same result");
    }

    private List<io.rasfleet.results.MaxWaterSurface.Section> maxWaterSurface() {
        steer("01", "success", "0");
        assertEquals(0, ras("01"));
        return io.rasfleet.results.MaxWaterSurface.read(project.resolve("Muncie.p01.hdf"));
    }

    /** Scales the numbers of each table that follows a line starting with {@code key} (count * perEntry values), in 8-wide columns. */
    private void rewrite(String file, String key, int perEntry, java.util.function.BiFunction<Integer, Double, Double> change) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(project.resolve(file)));
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(key)) {
                continue;
            }
            String count = lines.get(i).substring(key.length()).strip().split("\\s*,")[0].strip();
            int wanted = Integer.parseInt(count) * perEntry;
            int seen = 0;
            for (int j = i + 1; seen < wanted; j++) {
                StringBuilder line = new StringBuilder();
                String old = lines.get(j);
                for (int c = 0; c < old.length() && seen < wanted; c += 8) {
                    String field = old.substring(c, Math.min(old.length(), c + 8)).strip();
                    line.append(String.format(java.util.Locale.ROOT, "%8s", trim(change.apply(seen % perEntry, Double.parseDouble(field)))));
                    seen++;
                }
                lines.set(j, line.toString());
            }
        }
        Files.write(project.resolve(file), lines);
    }

    private static String trim(double value) {
        String text = String.format(java.util.Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text.length() > 8 ? text.substring(0, 8) : text;
    }
}
