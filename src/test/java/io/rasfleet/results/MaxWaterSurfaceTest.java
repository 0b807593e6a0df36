package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.UnsteadyResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maximum water surface along the reach, from real HEC-RAS 6.5 results and from the stand-in's. */
class MaxWaterSurfaceTest {

    @TempDir
    Path tmp;

    @Test
    void baxterSingleSteadyProfileGivesOneMaximumPerCrossSectionInFileOrder() {
        List<MaxWaterSurface.Section> sections = MaxWaterSurface.read(SampleProjects.rasSample("Baxter.p01.hdf", tmp));
        assertEquals(173, sections.size());
        MaxWaterSurface.Section first = sections.get(0);
        assertEquals(List.of("Baxter River Upper Reach 84816.", "84816.", 84816.0, (double) 70.43864f, true),
                List.of(first.label(), first.station(), first.stationValue(), first.maxWaterSurface(), first.hoursToPeak() == null),
                "a steady profile has no time of peak");
        assertEquals("US Customary", MaxWaterSurface.units(SampleProjects.rasSample("Baxter.p01.hdf", tmp)));
        assertEquals("Baxter River Lower Reach 1192.", sections.get(172).label());
        assertEquals(42.835102f, sections.get(172).maxWaterSurface(), 1e-5);
    }

    @Test
    void flodencrTakesEachSectionsHighestProfileNotTheLastOne() {
        List<MaxWaterSurface.Section> sections = MaxWaterSurface.read(SampleProjects.rasSample("FLODENCR.p01.hdf", tmp));
        assertEquals(12, sections.size());
        assertEquals(221.03271f, sections.get(0).maxWaterSurface(), 1e-5, "PF#2 is higher here");
        assertEquals(217.43715f, sections.get(6).maxWaterSurface(), 1e-5, "PF#1 is higher here");
        assertEquals("5.875*", sections.get(1).station(), "an interpolated section keeps its star in the label");
        assertEquals(5.875, sections.get(1).stationValue());
        assertEquals("Beaver Creek Kentwood 5.875*", sections.get(1).label());
    }

    @Test
    void standInUnsteadyResultGivesTheHighestWaterSurfaceOverTimeAtEverySection() throws Exception {
        Path project = SampleProjects.muncie(tmp);
        KeyedTextFile plan = KeyedTextFile.read(project.resolve("Muncie.p01"));
        plan.setAll("RASSIM Seconds", "0", null);
        plan.save();
        Process ras = new ProcessBuilder(StandIn.ras(project.resolve("Muncie.prj"), project.resolve("Muncie.p01")))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("ras.log").toFile()).start();
        assertEquals(0, ras.waitFor(), () -> "stand-in: " + read(tmp.resolve("ras.log")));
        Path hdf = project.resolve("Muncie.p01.hdf");

        List<MaxWaterSurface.Section> sections = MaxWaterSurface.read(hdf);

        float[][] series;
        float[][] flows;
        double[] days;
        try (HdfFile file = new HdfFile(hdf)) {
            series = (float[][]) file.getDatasetByPath(MaxWaterSurface.UNSTEADY + MaxWaterSurface.UNSTEADY_WS).getData();
            flows = (float[][]) file.getDatasetByPath(MaxWaterSurface.UNSTEADY + MaxWaterSurface.UNSTEADY_WS.replace("Water Surface", "Flow")).getData();
            days = (double[]) file.getDatasetByPath(MaxWaterSurface.UNSTEADY
                    + "/Output Blocks/Base Output/Unsteady Time Series/Time").getData();
        }
        assertTrue(series.length > 2, "a time series, not one profile: " + series.length);
        assertEquals(series[0].length, sections.size());
        boolean risen = false;
        for (int x = 0; x < sections.size(); x++) {
            float highest = series[0][x];
            for (float[] row : series) {
                highest = Math.max(highest, row[x]);
            }
            assertEquals(highest, sections.get(x).maxWaterSurface(), 0.0, sections.get(x).label());
            float mostFlow = Float.NEGATIVE_INFINITY;
            int peak = 0;
            for (int t = 0; t < series.length; t++) {
                mostFlow = Math.max(mostFlow, flows[t][x]);
                peak = series[t][x] > series[peak][x] ? t : peak;
            }
            assertEquals(mostFlow, sections.get(x).maxFlow(), 0.0, sections.get(x).label());
            assertEquals((days[peak] - days[0]) * 24, sections.get(x).hoursToPeak(), 1e-9, sections.get(x).label());
            risen |= highest > series[0][x];
        }
        assertTrue(risen, "the flood wave raises the water somewhere above its start");
        assertTrue(sections.get(0).label().startsWith("White Muncie "), sections.get(0).label());
    }

    @Test
    void resultWithoutCrossSectionsIsRefusedNamingTheDatasetsLookedFor() {
        Path hdf = UnsteadyResults.write(tmp.resolve("Two.p01.hdf"), "Unsteady Finished Successfully", "done");
        ResultFileException e = assertThrows(ResultFileException.class, () -> MaxWaterSurface.read(hdf));
        assertTrue(e.getMessage().contains("Unsteady Time Series/Cross Sections/Water Surface"), e.getMessage());
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
