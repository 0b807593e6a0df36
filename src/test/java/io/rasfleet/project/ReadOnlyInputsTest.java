package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyInputsTest {

    @Test
    void terrainAndLandCoverAreSharedAndWhatHecRasWritesNever() {
        for (String shared : List.of("Terrain/Terrain.hdf", "Terrain/Terrain.MuncieDEM.tif", "Land Cover/LandCover.TIFF",
                "Terrain/Terrain.vrt")) {
            assertTrue(ReadOnlyInputs.shareable("Muncie", shared), shared);
        }
        for (String copied : List.of("Muncie.g01.hdf", "muncie.p01.hdf", "Muncie.u01.hdf", "Muncie.dss", "Inputs/flows.dss",
                "Muncie.p01", "Muncie.x01", "Muncie.rasmap", "Terrain")) {
            assertFalse(ReadOnlyInputs.shareable("Muncie", copied), copied);
        }
    }
}
