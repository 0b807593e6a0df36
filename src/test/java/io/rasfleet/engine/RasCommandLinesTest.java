package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RasCommandLinesTest {

    @Test
    void windowsCommandKeepsPathsWithSpacesAsOneArgumentEach() {
        List<String> command = RasCommandLines.windows(Path.of("/opt/HEC/HEC-RAS 6.6/Ras.exe"),
                Path.of("/work/My Project/Muncie.prj"), Path.of("/work/My Project/Muncie.p01"));
        assertEquals(List.of("/opt/HEC/HEC-RAS 6.6/Ras.exe", "-c", "/work/My Project/Muncie.prj", "/work/My Project/Muncie.p01"),
                command);
    }

    @Test
    void linuxEngineCommandsNameTheTmpHdfAndGeometryExecutionFile() {
        for (String engine : List.of("/opt/ras", "/opt/ras/")) {
            assertEquals(List.of("/opt/ras/RasUnsteady", "Muncie.p03.tmp.hdf", "x05"),
                    RasCommandLines.linuxUnsteady(engine, "Muncie", "03", "05"));
            assertEquals(List.of("/opt/ras/RasGeomPreprocess", "Muncie.p03.tmp.hdf", "x05"),
                    RasCommandLines.linuxGeometryPreprocess(engine, "Muncie", "03", "05"));
        }
    }

    @Test
    void linuxEnvironmentNamesTheEngineLibraries() {
        assertEquals("/opt/ras/libs:/opt/ras/libs/mkl:/opt/ras/libs/rhel_8",
                RasCommandLines.linuxEnvironment("/opt/ras").get("LD_LIBRARY_PATH"));
    }

    @Test
    void numbersThatAreNotTwoDigitsAreRefused() {
        for (String bad : new String[] {"1", "00", "100", "0a", "../", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RasCommandLines.linuxUnsteady("/e", "M", bad, "01"));
            assertTrue(e.getMessage().contains("01 to 99"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RasCommandLines.tmpHdf("../etc", "01"));
    }
}
