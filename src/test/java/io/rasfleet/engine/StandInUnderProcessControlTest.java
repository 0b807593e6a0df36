package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.results.ComputeProgress;
import io.rasfleet.results.PlanVerdicts;
import io.rasfleet.results.RunEvidence;
import io.rasfleet.results.Verdict;
import io.rasfleet.results.VerdictState;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The path a worker takes, end to end on one machine: stage a plan, launch the stand-in under
 * process control, follow its progress, and judge what it left.
 */
@EnabledOnOs(OS.LINUX)
class StandInUnderProcessControlTest {

    @TempDir
    Path tmp;

    record Run(ProcessEnd end, Verdict verdict, List<Double> progress, List<Long> pids) {
    }

    private Run run(String outcome, Duration limit) throws Exception {
        RasProject project = RasProject.open(SampleProjects.muncie(tmp));
        KeyedTextFile plan = KeyedTextFile.read(project.file("p01"));
        plan.setAll("RASSIM Outcome", outcome, null);
        plan.setAll("RASSIM Seconds", "1", null);
        plan.save();
        StagedPlan staged = StagedPlan.copy(project, PlanId.parse("1"), tmp.resolve("work/p01"))
                .setCores(2).removeStaleResults();
        List<Double> heard = new CopyOnWriteArrayList<>();
        Path messages = staged.file("p01.computeMsgs.txt");
        PlanLaunch launch = PlanLaunch.of(StandIn.ras(staged.projectFile(), staged.planFile()), staged.folder(), limit,
                        tmp.resolve("work/p01.log"))
                .withPriority(ProcessPriority.BELOW_NORMAL)
                .following(() -> ComputeProgress.fromComputeMessages(messages), heard::add, Duration.ofMillis(100));
        Instant launched = Instant.now();
        try (PlanProcess process = PlanProcess.start(launch)) {
            ProcessEnd end = process.await();
            RunEvidence evidence = new RunEvidence(end.exitCode(), end.how() == ProcessEnd.How.TIMED_OUT, launched);
            return new Run(end, PlanVerdicts.judge(staged.file("p01.hdf"), evidence), heard, process.pids());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "success,      SUCCEEDED,  Unsteady Finished Successfully",
        "solver-error, FAILED,     solution: Unsteady Went Unstable; ERROR: Unsteady flow computations went unstable",
        "crash,        FAILED,     HEC-RAS exited with code 3 and wrote no Muncie.p01.hdf",
        "no-output,    INCOMPLETE, no results file Muncie.p01.hdf was written"})
    void eachOutcomeOfTheStandInGetsItsVerdict(String outcome, VerdictState state, String reason) throws Exception {
        Run run = run(outcome, Duration.ofMinutes(2));
        assertEquals(ProcessEnd.How.EXITED, run.end().how(), run.end().toString());
        assertEquals(state, run.verdict().state(), run.verdict().toString());
        assertTrue(run.verdict().reason().startsWith(reason), run.verdict().reason());
        if (outcome.equals("success")) {
            assertTrue(run.progress().contains(1.0), "progress followed to the end: " + run.progress());
        }
    }

    @Test
    void hangingPlanIsKilledAtItsTimeLimitAndLeavesNoProcess() throws Exception {
        Run run = run("hang", Duration.ofSeconds(8));
        assertEquals(ProcessEnd.How.TIMED_OUT, run.end().how());
        assertEquals(VerdictState.INCOMPLETE, run.verdict().state());
        assertFalse(run.progress().isEmpty(), "it was followed until it hung");
        for (long pid : run.pids()) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived");
        }
        assertEquals(List.of(), Processes.mentioning(tmp.toString()));
    }
}
