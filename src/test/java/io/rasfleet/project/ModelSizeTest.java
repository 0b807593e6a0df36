package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.testing.SampleProjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSizeTest {

    @TempDir
    Path tmp;

    @Test
    void munciesPlansAreTheirTimeStepsTimesTheGeometrysCrossSectionsAnd2dCells() throws Exception {
        RasProject project = RasProject.open(SampleProjects.muncie(tmp));
        ModelSize p02 = ModelSize.of(project, PlanId.parse("02")).orElseThrow();
        ModelSize p03 = ModelSize.of(project, PlanId.parse("03")).orElseThrow();
        assertEquals(61 + 5271 + 519, p02.cells(), "g05: 61 cross sections, two 2D areas of 5271 and 519 cells");
        assertEquals(2 * 86_400 / 30, p02.timeSteps(), "02JAN1900 0000 to 03JAN1900 2400 at 30SEC");
        assertEquals(2 * 86_400 / 20, p03.timeSteps(), "the same window at 20SEC");
        assertEquals(1.5, p03.work() / p02.work(), 1e-9);
    }

    @Test
    void intervalsInEachUnitHecRasWritesAndNothingElse() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), ModelSize.interval("30SEC"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), ModelSize.interval("2MIN"));
        assertEquals(Optional.of(Duration.ofHours(1)), ModelSize.interval("1HOUR"));
        assertEquals(Optional.of(Duration.ofDays(1)), ModelSize.interval("1DAY"));
        assertEquals(Optional.empty(), ModelSize.interval("often"));
    }
}
