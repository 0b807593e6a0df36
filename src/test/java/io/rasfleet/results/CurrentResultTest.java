package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentResultTest {

    @TempDir
    Path tmp;

    private Path folder;

    @BeforeEach
    void project() {
        folder = SampleProjects.muncie(tmp);
    }

    @Test
    void aSuccessfulResultNewerThanEveryInputIsCurrentNamingItsSolution() throws Exception {
        run("01");
        CurrentResult result = current("01");
        assertTrue(result.current(), result.reason());
        assertTrue(result.reason().startsWith("results newer than every input, solution Unsteady Finished Successfully"),
                result.reason());
    }

    @Test
    void touchingAnyInputMakesTheResultNotCurrentNamingThatInput() throws Exception {
        run("01");
        RasProject project = RasProject.open(folder);
        Path hdf = project.plan(PlanId.parse("01")).resultFile();
        Instant written = Files.getLastModifiedTime(hdf).toInstant();
        List<String> inputs = project.filesFor(PlanId.parse("01")).files().stream()
                .filter(f -> !f.equals("Muncie.prj")).toList();
        assertTrue(inputs.containsAll(List.of("Muncie.p01", "Muncie.g05", "Muncie.u02")), inputs.toString());
        for (String input : inputs) {
            Path file = folder.resolve(input);
            FileTime before = Files.getLastModifiedTime(file);
            Files.setLastModifiedTime(file, FileTime.from(written.plusSeconds(60)));
            CurrentResult result = current("01");
            assertFalse(result.current(), input + " touched: " + result.reason());
            assertTrue(result.reason().startsWith(input + " (modified "), result.reason());
            Files.setLastModifiedTime(file, before);
            assertTrue(current("01").current(), input + " put back");
        }
    }

    @Test
    void theProjectFileIsNotAnInputBecauseHecRasRewritesIt() throws Exception {
        run("01");
        Path hdf = folder.resolve("Muncie.p01.hdf");
        Files.setLastModifiedTime(folder.resolve("Muncie.prj"),
                FileTime.from(Files.getLastModifiedTime(hdf).toInstant().plusSeconds(60)));
        assertTrue(current("01").current());
    }

    @Test
    void thePlansDssOutputIsNoInputButADssFileTheFlowFileReadsIs() throws Exception {
        // HEC-RAS writes Name.dss (the plan's "DSS File=dss") after the result: a later time there says nothing
        Files.writeString(folder.resolve("Muncie.dss"), "dss output");
        Files.writeString(folder.resolve("Inflow.dss"), "boundary hydrographs");
        run("01");
        Instant after = Files.getLastModifiedTime(folder.resolve("Muncie.p01.hdf")).toInstant().plusSeconds(60);
        Files.setLastModifiedTime(folder.resolve("Muncie.dss"), FileTime.from(after));
        assertTrue(RasProject.open(folder).filesFor(PlanId.parse("01")).files().contains("Muncie.dss"), "it is staged all the same");
        assertTrue(current("01").current(), current("01").reason());

        KeyedTextFile flow = KeyedTextFile.read(folder.resolve("Muncie.u02"));
        flow.setAll("DSS File", "Inflow.dss", null);
        flow.save();
        Files.setLastModifiedTime(folder.resolve("Muncie.u02"), FileTime.from(Instant.now().minusSeconds(600)));
        Files.setLastModifiedTime(folder.resolve("Inflow.dss"), FileTime.from(after));
        CurrentResult result = current("01");
        assertFalse(result.current());
        assertTrue(result.reason().startsWith("Inflow.dss (modified "), result.reason());
    }

    @Test
    void aFailedResultIsNeverCurrent() throws Exception {
        run("04");
        assertTrue(Files.isRegularFile(folder.resolve("Muncie.p04.hdf")), "plan 04 writes a failed result");
        CurrentResult result = current("04");
        assertFalse(result.current());
        assertTrue(result.reason().startsWith("Muncie.p04.hdf is not a successful run (FAILED: "), result.reason());
    }

    @Test
    void aMissingResultIsNotCurrent() {
        CurrentResult result = current("02");
        assertFalse(result.current());
        assertEquals("no results file Muncie.p02.hdf", result.reason());
    }

    private CurrentResult current(String plan) {
        return CurrentResult.of(RasProject.open(folder), PlanId.parse(plan));
    }

    /** Runs a plan on the stand-in, quickly, after making its inputs a little older than the result will be. */
    private void run(String plan) throws Exception {
        int exit = StandIn.computeMuncie(folder, plan, tmp.resolve("ras-" + plan + ".log"));
        if (!plan.equals("04")) {
            assertEquals(0, exit, "plan " + plan + " on the stand-in");
        }
    }
}
