package io.rasfleet.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.store.AttemptStore;
import io.rasfleet.store.RunEntity;
import io.rasfleet.store.RunStore;
import io.rasfleet.store.TransactionalRunStore;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the stage step expects of each plan before it runs, from real HEC-RAS results, the model and history, on H2. */
class PlanEstimatesTest {

    @TempDir
    Path tmp;

    private static long run(RunStore runs, String projectFile, String... plans) {
        RunEntity run = new RunEntity();
        run.setProjectFile(projectFile);
        run.setRequestedPlans(String.join(",", plans));
        run.setWorkers("");
        run.setStatus("STARTED");
        long id = runs.create(run).getId();
        for (String plan : plans) {
            runs.ensurePlans(id, Map.of(plan, "plan " + plan));
        }
        return id;
    }

    private static void succeeded(TransactionalRunStore runs, long runId, String plan, String worker, double seconds) {
        AttemptStore.StartedAttempt a = runs.attempts().startAttempt(runId, plan, worker, "host");
        runs.attempts().endAttempt(a.token(), new AttemptStore.AttemptRecord("SUCCEEDED", AttemptStore.End.SUCCEEDED, null, null, "host", 0, null, seconds),
                2, null);
    }

    @Test
    void theResultsFileInTheProjectThenTheModelScaledByItThenHistory() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        // a real HEC-RAS 6.5 results file (no Complete Process row: its 2891 ms are the sum of its rows) as p01's desktop run
        Files.move(SampleProjects.rasSample("Baxter.p01.hdf", tmp.resolve("hdf")), folder.resolve("Muncie.p01.hdf"));
        RasProject project = RasProject.open(folder);
        String prj = project.projectFile().toString();
        try (TestDatabase db = TestDatabase.h2()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            PlanEstimates estimates = new PlanEstimates(runs);
            long first = run(runs, prj, "01", "02", "04");
            Map<String, RunStore.Expectation> e = estimates.record(first, prj, project,
                    List.of(PlanId.parse("01"), PlanId.parse("02"), PlanId.parse("04")));
            assertEquals(new RunStore.Expectation(2.891, "RESULT_FILE", e.get("01").modelWork()), e.get("01"));
            // p02 steps every 30 s where p01 steps every 15 s: half the work, half the time; p04 every minute: a quarter
            assertEquals(2.891 / 2, e.get("02").seconds(), 0.002);
            assertEquals("MODEL_SIZE", e.get("02").source());
            assertEquals(2.891 / 4, e.get("04").seconds(), 0.002);
            assertEquals(2.891 / 2, runs.plan(first, "02").getExpectedSeconds(), 0.002, "recorded for the API and the report");

            succeeded(runs, first, "02", "w1", 30.0);
            long second = run(runs, prj, "02");
            assertEquals(new RunStore.Expectation(30.0, "HISTORY", e.get("02").modelWork()),
                    estimates.record(second, prj, project, List.of(PlanId.parse("02"))).get("02"));
        }
    }

    @Test
    void aWorkerThatTookLongerForTheSamePlanIsLearnedSlower() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            TransactionalRunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            long a = run(runs, "/p/P.prj", "01");
            succeeded(runs, a, "01", "slow", 30.0);
            long b = run(runs, "/p/P.prj", "01");
            succeeded(runs, b, "01", "fast", 10.0);
            Map<String, Double> factors = new PlanEstimates(runs).workerTimeFactors();
            assertEquals(1.5, factors.get("slow"), 1e-9);
            assertEquals(0.5, factors.get("fast"), 1e-9);
        }
    }
}
