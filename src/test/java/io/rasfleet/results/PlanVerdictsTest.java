package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.rasfleet.testing.DamagedHdf;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.UnsteadyResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanVerdictsTest {

    private static final String GOOD_MESSAGES = "Plan: 'x' (X.p01)\r\nOverall Volume Accounting Error as percentage: 0.01\r\n"
            + "Computations Summary\r\nComputation Task\tTime(hh:mm:ss)\r\nComplete Process\t 3\r\n";

    @TempDir
    Path tmp;

    @Test
    void realSteadyResultsSucceed() {
        for (String name : new String[] {"Baxter.p01.hdf", "FLODENCR.p01.hdf"}) {
            Verdict v = PlanVerdicts.judge(SampleProjects.rasSample(name, tmp), RunEvidence.none());
            assertEquals(new Verdict(VerdictState.SUCCEEDED, "Steady Finished Successfully"), v, name);
        }
    }

    @Test
    void unsteadySuccessWithVolumeAccountingErrorLineSucceeds() throws Exception {
        Path file = unsteady("Unsteady Finished Successfully", GOOD_MESSAGES);
        assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(file, new RunEvidence(0, false, Instant.now().minusSeconds(60))).state());
    }

    @Test
    void errorLineFailsEvenWhenTheSolutionLooksFine() throws Exception {
        Path file = unsteady("Unsteady Finished Successfully",
                "Plan: 'x'\r\nERROR: boundary condition at RS 1234 has no data\r\nComplete Process\t 3\r\n");
        Verdict v = PlanVerdicts.judge(file, RunEvidence.none());
        assertEquals(VerdictState.FAILED, v.state());
        assertTrue(v.reason().contains("ERROR: boundary condition at RS 1234 has no data"), v.reason());
    }

    @Test
    void unstableSolutionFailsWithTheSolutionText() throws Exception {
        Path file = unsteady("Unsteady Went Unstable", "The unsteady computations were stopped.\r\n");
        Verdict v = PlanVerdicts.judge(file, new RunEvidence(0, false, null));
        assertEquals(VerdictState.FAILED, v.state());
        assertTrue(v.reason().startsWith("solution: Unsteady Went Unstable; The unsteady computations were stopped."), v.reason());
    }

    @Test
    void withoutSolutionCompleteProcessIsEnough() throws Exception {
        assertEquals(VerdictState.SUCCEEDED, PlanVerdicts.judge(unsteady(null, GOOD_MESSAGES), RunEvidence.none()).state());
        assertEquals(VerdictState.INCOMPLETE, PlanVerdicts.judge(unsteady(null, "Plan: 'x'\r\n"), RunEvidence.none()).state());
    }

    @Test
    void unreadableSolutionIsIncompleteNamingTheAttributeAndWhyWhileAnAbsentOneFallsBackToTheMessages() throws Exception {
        Path damaged = unsteady("Unsteady Finished Successfully", GOOD_MESSAGES);
        DamagedHdf.unreadableStringAttribute(damaged, "Solution");
        Verdict v = PlanVerdicts.judge(damaged, RunEvidence.none());
        assertEquals(VerdictState.INCOMPLETE, v.state(), v.reason());
        assertTrue(v.reason().contains("attribute Solution of /Results/Unsteady/Summary"), v.reason());
        assertTrue(v.reason().contains("Unrecognized data class = 15"), "jhdf's reason: " + v.reason());

        Verdict absent = PlanVerdicts.judge(unsteady(null, GOOD_MESSAGES), RunEvidence.none());
        assertEquals(VerdictState.SUCCEEDED, absent.state(), absent.reason());
    }

    @Test
    void failurePhrasesInLowerCaseFail() throws Exception {
        for (String phrase : new String[] {"encountered an error", "did not complete", "failed to converge", "fatal error"}) {
            Path file = unsteady("Unsteady Finished Successfully", "Plan\r\nThe solver " + phrase + " here\r\nComplete Process\r\n");
            assertEquals(VerdictState.FAILED, PlanVerdicts.judge(file, RunEvidence.none()).state(), phrase);
        }
    }

    @Test
    void staleFileFromBeforeTheLaunchIsIncomplete() throws Exception {
        Path file = unsteady("Unsteady Finished Successfully", GOOD_MESSAGES);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        Verdict v = PlanVerdicts.judge(file, new RunEvidence(0, false, Instant.now()));
        assertEquals(VerdictState.INCOMPLETE, v.state());
        assertTrue(v.reason().contains("stale"), v.reason());
    }

    @Test
    void nonZeroExitFailsAndTimeOutIsIncompleteWhateverTheFileSays() throws Exception {
        Path file = unsteady("Unsteady Finished Successfully", GOOD_MESSAGES);
        Verdict exit = PlanVerdicts.judge(file, new RunEvidence(3, false, null));
        assertEquals(new Verdict(VerdictState.FAILED, "HEC-RAS exited with code 3"), exit);
        assertEquals(VerdictState.INCOMPLETE, PlanVerdicts.judge(file, new RunEvidence(null, true, null)).state());
    }

    @Test
    void missingResultIsFailedAfterACrashAndIncompleteAfterACleanExit() {
        Path none = tmp.resolve("X.p01.hdf");
        assertEquals(VerdictState.FAILED, PlanVerdicts.judge(none, new RunEvidence(3, false, null)).state());
        Verdict quiet = PlanVerdicts.judge(none, new RunEvidence(0, false, null));
        assertEquals(new Verdict(VerdictState.INCOMPLETE, "no results file X.p01.hdf was written"), quiet);
    }

    @Test
    void brokenFilesGetAVerdictNotAnException() throws Exception {
        Path text = Files.writeString(tmp.resolve("Text.p01.hdf"), "hello");
        Verdict v = PlanVerdicts.judge(text, RunEvidence.none());
        assertEquals(VerdictState.INCOMPLETE, v.state());
        assertEquals("Text.p01.hdf is not a HDF5 file (no HDF5 signature)", v.reason());
        Path noResults = tmp.resolve("Bare.p01.hdf");
        try (WritableHdfFile hdf = HdfFile.write(noResults)) {
            hdf.putGroup("Plan Data").putDataset("x", new int[] {1});
        }
        assertTrue(PlanVerdicts.judge(noResults, RunEvidence.none()).reason().contains("has no /Results"));
    }

    private Path unsteady(String solution, String messages) {
        return UnsteadyResults.write(tmp.resolve("U" + System.nanoTime() + ".p01.hdf"), solution, messages);
    }
}
