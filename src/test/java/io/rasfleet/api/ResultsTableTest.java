package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.store.AttemptEntity;
import io.rasfleet.store.PlanRunEntity;
import io.rasfleet.store.RunEntity;
import io.rasfleet.testing.SampleProjects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's results table assembled from what the store keeps of its plans. */
class ResultsTableTest {

    /** The stand-in's words for a solve that went unstable, as an attempt keeps them (compute messages, then output). */
    private static final String UNSTABLE = "Plan: 'Unsteady Flow' (Muncie.p03)\n"
            + "Unsteady Flow Computations\n"
            + "ERROR: Unsteady flow computations went unstable at 03JAN1900 0600 (maximum water surface change 37.2)\n"
            + "Computations were stopped\n";

    @TempDir
    Path tmp;

    @Test
    void failedPlanRowShowsTheErrorOfItsKeptMessages() {
        Path project = SampleProjects.muncie(tmp);
        RunEntity run = new RunEntity();
        run.setProjectFile(project.resolve("Muncie.prj").toString());
        PlanRunEntity plan = new PlanRunEntity();
        plan.setPlan("03");
        plan.setTitle("Unsteady Flow");
        plan.setState(PlanRunEntity.State.FAILED);
        plan.setAttempts(1);
        plan.setError("HEC-RAS says: ERROR: Unsteady flow computations went unstable");
        AttemptEntity attempt = new AttemptEntity();
        attempt.setNumber(1);
        attempt.setMessages(UNSTABLE);
        attempt.setPlanRun(plan);
        plan.getAttemptRecords().add(attempt);
        run.getPlans().add(plan);

        Map<String, Object> row = ResultsTable.rows(run).get(0);

        // ras-commander's ResultsParser: "ERROR: Unsteady ..." matches \berror\s*: (no exclusion applies);
        // "Computations were stopped" matches no error pattern; no line is a Complete Process record
        assertEquals(true, row.get("has_errors"), row.toString());
        assertEquals(1, row.get("error_count"), row.toString());
        assertEquals("ERROR: Unsteady flow computations went unstable at 03JAN1900 0600 (maximum water surface change 37.2)",
                row.get("first_error_line"));
        assertEquals(List.of(), row.get("unreadable"));
    }
}
