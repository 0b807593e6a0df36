package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.rasfleet.testing.DamagedHdf;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.UnsteadyResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real HEC-RAS 6.5 results, and refusing what is not a readable results file. */
class ResultFileTest {

    @TempDir
    Path tmp;

    @Test
    void flodencrSummaryHasSteadySolutionRunTimeWindowAndComputeProcesses() {
        try (ResultFile file = ResultFile.open(SampleProjects.rasSample("FLODENCR.p01.hdf", tmp))) {
            ResultSummary s = file.summary();
            assertEquals("Steady Finished Successfully", s.solution());
            assertEquals("13JUN2024 14:10:23 to 13JUN2024 14:10:23", s.runTimeWindow());
            assertEquals("HEC-RAS 6.5 February 2024", s.programVersion());
            assertEquals("HEC-RAS Results", s.fileType());
            assertEquals("Method 5 Encroachment", s.planName());
            assertEquals("FLODENCR.p01", s.planFile());
            List<ComputeProcess> rows = s.computeProcesses();
            assertEquals(List.of("Ras.exe", "RasMapper(64)", "Completing Geometry, Flow and Plan", "Steady Flow Computations"),
                    rows.stream().map(ComputeProcess::process).toList());
            assertEquals(1516, rows.get(2).computeMillis());
            assertEquals(360, rows.get(3).computeMillis());
            assertEquals("00:00:00.360", rows.get(3).computeTime());
            assertTrue(rows.get(3).filename().endsWith("RasSteady.exe"), rows.get(3).filename());
            assertNull(s.volumeErrorPercent(), "a steady plan has no volume accounting");
            assertNull(s.maximumCores());
        }
    }

    @Test
    void baxterMessagesEndWithAComputationsSummaryWhoseLastTaskIsCompleteProcess() {
        try (ResultFile file = ResultFile.open(SampleProjects.rasSample("Baxter.p01.hdf", tmp))) {
            ResultSummary s = file.summary();
            assertEquals("Steady Finished Successfully", s.solution());
            assertEquals("Steady Flows", s.planTitle());
            assertEquals("Steady Flow", s.planShortId());
            List<String> lines = Arrays.stream(s.computeMessages().split("\n")).filter(l -> !l.isBlank()).toList();
            assertEquals("Plan: 'Steady Flows' (Baxter.p01)", lines.get(0));
            assertTrue(lines.contains("Computations Summary"));
            assertEquals("Complete Process\t       3", lines.get(lines.size() - 1));
            assertEquals(4, s.computeProcesses().size());
            assertEquals(2266, s.computeProcesses().get(2).computeMillis());
            assertTrue(s.runTimeWindow().matches("\\d{2}[A-Z]{3}\\d{4} \\d{2}:\\d{2}:\\d{2} to .*"), s.runTimeWindow());
        }
    }

    @Test
    void notHdf5IsRefusedNamingTheFile() throws Exception {
        Path text = Files.writeString(tmp.resolve("Muncie.p01.hdf"), "Plan Title=not a result\r\n");
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFile.open(text));
        assertEquals("Muncie.p01.hdf is not a HDF5 file (no HDF5 signature)", e.getMessage());
    }

    @Test
    void emptyFileIsRefusedAsEmpty() throws Exception {
        Path empty = Files.createFile(tmp.resolve("Empty.p01.hdf"));
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFile.open(empty));
        assertEquals("Empty.p01.hdf is empty (0 bytes)", e.getMessage());
    }

    @Test
    void truncatedCopiesAreRefusedAsTruncated() throws Exception {
        byte[] whole = Files.readAllBytes(SampleProjects.rasSample("Baxter.p01.hdf", tmp.resolve("src")));
        for (int length : new int[] {4096, whole.length / 2, whole.length - 1}) {
            Path cut = Files.write(tmp.resolve("Baxter.p01.hdf"), Arrays.copyOf(whole, length));
            ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFile.open(cut));
            assertTrue(e.getMessage().startsWith("Baxter.p01.hdf is truncated: " + length + " bytes of the " + whole.length),
                    e.getMessage());
        }
    }

    @Test
    void cutInsideTheSuperblockIsRefusedToo() throws Exception {
        byte[] whole = Files.readAllBytes(SampleProjects.rasSample("Baxter.p01.hdf", tmp.resolve("src")));
        Path cut = Files.write(tmp.resolve("Baxter.p01.hdf"), Arrays.copyOf(whole, 12));
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFile.open(cut));
        assertTrue(e.getMessage().contains("superblock"), e.getMessage());
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        ResultFileException e = assertThrows(ResultFileException.class, () -> ResultFile.open(tmp.resolve("Gone.p02.hdf")));
        assertTrue(e.getMessage().startsWith("Gone.p02.hdf does not exist"), e.getMessage());
    }

    @Test
    void fileWithoutResultsReadsAsNullsNotExceptions() throws Exception {
        Path file = tmp.resolve("Plain.p01.hdf");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("File Type", "HEC-RAS Results");
            hdf.putGroup("Plan Data").putGroup("Plan Information").putDataset("x", new int[] {1});
        }
        try (ResultFile result = ResultFile.open(file)) {
            ResultSummary s = result.summary();
            assertEquals("HEC-RAS Results", s.fileType());
            assertNull(s.solution());
            assertNull(s.runTimeWindow());
            assertNull(s.computeMessages());
            assertNull(s.planTitle());
            assertTrue(s.computeProcesses().isEmpty());
        }
    }

    @Test
    void summaryOfAFileWithAnUnreadableSummaryGroupNamesItAndReadsTheRest() throws Exception {
        Path file = UnsteadyResults.write(tmp.resolve("Damaged.p01.hdf"), "Unsteady Finished Successfully", "Complete Process\r\n");
        DamagedHdf.unreadableStringAttribute(file, "Solution");
        try (ResultFile result = ResultFile.open(file)) {
            ResultSummary s = result.summary();
            assertEquals("HEC-RAS Results", s.fileType());
            assertEquals("Complete Process\n", s.computeMessages());
            assertNull(s.solution());
            assertEquals(1, s.unreadable().size(), s.unreadable().toString());
            assertTrue(s.unreadable().get(0).startsWith("/Results/Unsteady/Summary in Damaged.p01.hdf cannot be read: "),
                    s.unreadable().get(0));
            assertThrows(UnreadablePartException.class, result::solution);
        }
    }

    @Test
    void trimmedFileHasNothingUnreadable() throws Exception {
        try (ResultFile result = ResultFile.open(SampleProjects.rasSample("Baxter.p01.hdf", tmp))) {
            assertEquals(List.of(), result.summary().unreadable());
        }
    }
}
