package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.SampleProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {

    @TempDir
    Path tmp;

    @Test
    void planNeedsProjectPlanGeometryAndFlowButNotOtherPlansOrResults() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.writeString(folder.resolve("Muncie.p02.hdf"), "other plan's result");
        Files.writeString(folder.resolve("Muncie.p01.hdf"), "this plan's old result");
        Files.writeString(folder.resolve("Muncie.p01.computeMsgs.txt"), "old log");
        Files.writeString(folder.resolve("Muncie.g05.bak"), "backup");
        PlanFiles files = RasProject.open(folder).filesFor(PlanId.parse("1"));
        assertEquals(List.of("Muncie.prj", "Muncie.p01", "Muncie.g05", "Muncie.u02"), files.files());
        assertTrue(files.complete());
        assertTrue(files.outsideProject().isEmpty());
    }

    @Test
    void geometryHdfPreprocessorFlowHdfAndProjectDssComeWhenPresent() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        for (String name : List.of("Muncie.g05.hdf", "Muncie.c05", "Muncie.u02.hdf", "Muncie.dss")) {
            Files.writeString(folder.resolve(name), name);
        }
        PlanFiles files = RasProject.open(folder).filesFor(PlanId.parse("p02"));
        assertEquals(List.of("Muncie.prj", "Muncie.p02", "Muncie.g05", "Muncie.g05.hdf", "Muncie.c05",
                "Muncie.u02", "Muncie.u02.hdf", "Muncie.dss"), files.files());
    }

    @Test
    void missingGeometryIsReportedByName() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.delete(folder.resolve("Muncie.g05"));
        PlanFiles files = RasProject.open(folder).filesFor(PlanId.parse("1"));
        assertFalse(files.complete());
        assertEquals(List.of("Muncie.g05"), files.missing());
        ProjectException e = assertThrows(ProjectException.class, files::requireComplete);
        assertTrue(e.getMessage().contains("Muncie.g05"), e.getMessage());
    }

    @Test
    void rasMapperTerrainAndLandCoverInsideTheProjectComeWithTheirRasters() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Files.createDirectories(folder.resolve("Terrain"));
        Files.createDirectories(folder.resolve("Land Classification"));
        for (String name : List.of("Terrain/Terrain.hdf", "Terrain/Terrain.muncie_clip.tif", "Terrain/Terrain.vrt",
                "Terrain/Unrelated.tif", "Land Classification/LandCover.hdf", "Land Classification/LandCover.tif")) {
            Files.writeString(folder.resolve(name), name);
        }
        Files.writeString(folder.resolve("Muncie.rasmap"), """
                <RASMapper>
                  <RASProjectionFilename Filename=".\\Projection.prj" />
                  <Geometries><Layer Name="g05" Type="RASGeometry" Filename=".\\Muncie.g05.hdf" /></Geometries>
                  <Results><Layer Name="p01" Type="RASResults" Filename=".\\Muncie.p01.hdf" /></Results>
                  <Terrains><Layer Name="Terrain" Type="TerrainLayer" Filename=".\\Terrain\\Terrain.hdf" /></Terrains>
                  <MapLayers>
                    <Layer Name="LandCover" Type="LandCoverLayer" Filename=".\\Land Classification\\LandCover.hdf" />
                    <Layer Name="Far" Type="TerrainLayer" Filename="D:\\GIS\\statewide.hdf" />
                  </MapLayers>
                </RASMapper>
                """);
        PlanFiles files = RasProject.open(folder).filesFor(PlanId.parse("1"));
        assertTrue(files.files().containsAll(List.of("Muncie.rasmap", "Projection.prj", "Terrain/Terrain.hdf",
                "Terrain/Terrain.muncie_clip.tif", "Terrain/Terrain.vrt", "Land Classification/LandCover.hdf",
                "Land Classification/LandCover.tif")), files.toString());
        assertFalse(files.files().contains("Terrain/Unrelated.tif"));
        assertFalse(files.files().contains("Muncie.p01.hdf"), "result layers are not inputs");
        assertEquals(List.of("D:\\GIS\\statewide.hdf"), files.outsideProject());
    }

    @Test
    void dssOutsideTheProjectIsReportedAsSuchAndMissingInputDssIsMissing() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Path u02 = folder.resolve("Muncie.u02");
        Files.writeString(u02, Files.readString(u02)
                + "DSS File=C:\\Hydrology\\inflow.dss\nDSS File=.\\data\\local.dss\n");
        PlanFiles files = RasProject.open(folder).filesFor(PlanId.parse("1"));
        assertEquals(List.of("C:\\Hydrology\\inflow.dss"), files.outsideProject());
        assertEquals(List.of("data/local.dss"), files.missing());
    }

    @Test
    void restartFileIsRequiredOnlyWhenThePlanUsesIt() throws Exception {
        Path folder = SampleProjects.muncie(tmp);
        Path p01 = folder.resolve("Muncie.p01");
        Files.writeString(p01, Files.readString(p01) + "Use Restart=-1\r\nRestart Filename=Muncie.p01.rst\r\n");
        assertEquals(List.of("Muncie.p01.rst"), RasProject.open(folder).filesFor(PlanId.parse("1")).missing());
    }
}
