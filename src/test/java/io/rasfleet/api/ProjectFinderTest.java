package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.RasProject;
import io.rasfleet.testing.SampleProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing the projects a run may start on. */
class ProjectFinderTest {

    @TempDir
    Path tmp;

    @Test
    void findsHecRasProjectsWithTheirPlansAndPassesOverProjectionFilesAndMissingRoots() throws Exception {
        Path root = tmp.resolve("root");
        SampleProjects.muncie(root.resolve("a"));
        SampleProjects.muncie(root.resolve("b/deeper"));
        Files.writeString(root.resolve("a/Muncie/Other.prj"), "PROJCS[\"NAD_1983\"]");

        List<RasProject> found = ProjectFinder.find(List.of(root, tmp.resolve("missing")), 4);

        assertEquals(List.of(root.resolve("a/Muncie/Muncie.prj"), root.resolve("b/deeper/Muncie/Muncie.prj")),
                found.stream().map(RasProject::projectFile).toList());
        assertEquals(List.of("01", "02", "03", "04", "05"), found.get(0).planIds().stream().map(PlanId::digits).toList());
    }

    @Test
    void aProjectDeeperThanTheDepthIsNotListed() {
        Path root = tmp.resolve("root");
        SampleProjects.muncie(root.resolve("a/b/c"));
        assertEquals(List.of(), ProjectFinder.find(List.of(root), 3));
        assertEquals(1, ProjectFinder.find(List.of(root), 5).size());
    }
}
