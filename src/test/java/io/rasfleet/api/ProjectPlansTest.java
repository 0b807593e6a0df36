package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.RasProject;
import io.rasfleet.store.RunReads;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start page's plan list: each plan with its last result in rasfleet and whether its results file is current. */
class ProjectPlansTest {

    @TempDir
    Path tmp;

    @Test
    void eachPlanShowsItsLastResultAndWhetherItsResultsFileIsCurrentNow() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        assertEquals(0, StandIn.computeMuncie(folder, "01", tmp.resolve("ras-01.log")), "plan 01 on the stand-in");
        Instant ended = Instant.parse("2026-12-01T10:15:30Z");
        Map<String, RunReads.LastResult> last = Map.of(
                "01", new RunReads.LastResult("01", 7, "SUCCEEDED", ended),
                "02", new RunReads.LastResult("02", 5, "FAILED", ended.minusSeconds(60)));

        List<Map<String, Object>> plans = plans(ProjectPlans.view(RasProject.open(folder), last));
        assertEquals(List.of("01", "02", "03", "04", "05"), plans.stream().map(p -> p.get("id")).toList());
        Map<String, Object> one = plans.get(0);
        assertEquals(Map.of("run", 7L, "state", "SUCCEEDED", "endedAt", "2026-12-01T10:15:30Z"), one.get("lastResult"));
        assertEquals(true, one.get("current"), (String) one.get("currentReason"));
        assertEquals("UNSTEADY", one.get("flow"));
        Map<String, Object> two = plans.get(1);
        assertEquals("FAILED", ((Map<?, ?>) two.get("lastResult")).get("state"));
        assertEquals(false, two.get("current"));
        assertTrue(((String) two.get("currentReason")).startsWith("no results file Muncie.p02.hdf"), (String) two.get("currentReason"));
        assertNull(plans.get(2).get("lastResult"), "plan 03 never ran here");
        assertTrue(plans.get(2).containsKey("lastResult"), "the field is there, null");

        // an input changed since: the same last result, no longer current
        Files.setLastModifiedTime(folder.resolve("Muncie.p01"), FileTime.from(Instant.now().plusSeconds(60)));
        Map<String, Object> changed = plans(ProjectPlans.view(RasProject.open(folder), last)).get(0);
        assertEquals(7L, ((Map<?, ?>) changed.get("lastResult")).get("run"));
        assertFalse((Boolean) changed.get("current"));
        assertTrue(((String) changed.get("currentReason")).startsWith("Muncie.p01 (modified"), (String) changed.get("currentReason"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> plans(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("plans");
    }
}
