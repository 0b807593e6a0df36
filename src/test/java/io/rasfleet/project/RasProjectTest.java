package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.SampleProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasProjectTest {

    @TempDir
    Path tmp;

    @Test
    void folderOpensTheProjectFileAndIgnoresTheEsriProjectionBesideIt() {
        Path folder = SampleProjects.muncie(tmp);
        RasProject project = RasProject.open(folder);
        assertEquals(folder.resolve("Muncie.prj"), project.projectFile());
        assertEquals("Muncie", project.name());
        assertEquals("Muncie rasfleet sample", project.title());
        assertFalse(project.siUnits());
    }

    @Test
    void prjPathOpensTheSameProject() {
        Path folder = SampleProjects.muncie(tmp);
        assertEquals(RasProject.open(folder).projectFile(), RasProject.open(folder.resolve("Muncie.prj")).projectFile());
    }

    @Test
    void esriProjectionFileIsRefusedAsAProject() {
        Path folder = SampleProjects.muncie(tmp);
        ProjectException e = assertThrows(ProjectException.class, () -> RasProject.open(folder.resolve("Projection.prj")));
        assertTrue(e.getMessage().contains("Proj Title="), e.getMessage());
    }

    @Test
    void severalProjectFilesInOneFolderAreListedInTheError() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.copy(folder.resolve("Muncie.prj"), folder.resolve("Other.prj"));
        ProjectException e = assertThrows(ProjectException.class, () -> RasProject.open(folder));
        assertTrue(e.getMessage().contains("Muncie.prj") && e.getMessage().contains("Other.prj"), e.getMessage());
    }

    @Test
    void folderWithoutProjectFileSaysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ProjectException e = assertThrows(ProjectException.class, () -> RasProject.open(empty));
        assertTrue(e.getMessage().contains("no HEC-RAS project file"), e.getMessage());
        assertThrows(ProjectException.class, () -> RasProject.open(tmp.resolve("nowhere")));
    }

    @Test
    void plansAreListedWithTitleGeometryFlowKindAndWindow() {
        RasProject project = RasProject.open(SampleProjects.muncie(tmp));
        List<Plan> plans = project.plans();
        assertEquals(5, plans.size());
        Plan first = plans.get(0);
        assertEquals(new PlanId(1), first.id());
        assertEquals("Muncie base 15s", first.title());
        assertEquals("Base15s", first.shortId());
        assertEquals("g05", first.geometry());
        assertEquals("05", first.geometryDigits());
        assertEquals("u02", first.flow());
        assertEquals(FlowKind.UNSTEADY, first.flowKind());
        assertEquals(LocalDateTime.of(1900, 1, 2, 0, 0), first.window().start());
        assertEquals(LocalDateTime.of(1900, 1, 4, 0, 0), first.window().end(), "2400 is midnight of the next day");
        assertFalse(first.hasResult());
        assertNull(first.resultModified());
    }

    @Test
    void aResultFileIsReportedWithItsAge() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.writeString(folder.resolve("Muncie.p02.hdf"), "result");
        Plan plan = RasProject.open(folder).plan(PlanId.parse("2"));
        assertTrue(plan.hasResult());
        assertNotNull(plan.resultModified());
    }

    @Test
    void unknownPlanIsRefusedWithThePlansTheProjectHas() {
        RasProject project = RasProject.open(SampleProjects.muncie(tmp));
        ProjectException e = assertThrows(ProjectException.class, () -> project.plan(PlanId.parse("7")));
        assertTrue(e.getMessage().contains("01, 02, 03, 04, 05"), e.getMessage());
    }

    @Test
    void listedPlanWhoseFileIsMissingIsNamed() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.delete(folder.resolve("Muncie.p03"));
        ProjectException e = assertThrows(ProjectException.class, () -> RasProject.open(folder).plans());
        assertTrue(e.getMessage().contains("Muncie.p03"), e.getMessage());
    }

    @Test
    void steadyAndQuasiSteadyFlowKindsComeFromTheFlowFileLetter() {
        assertEquals(FlowKind.STEADY, FlowKind.ofReference("f01"));
        assertEquals(FlowKind.QUASI_STEADY, FlowKind.ofReference("q01"));
        assertEquals("quasi-steady", FlowKind.QUASI_STEADY.label());
        assertNull(FlowKind.ofReference("x01"));
    }

    @Test
    void steadyPlanHasNoSimulationWindow() {
        assertNull(SimulationWindow.parse(",,,"));
        assertThrows(ProjectException.class, () -> SimulationWindow.parse("01XYZ1999,1200,04JAN1999,1200"));
    }
}
