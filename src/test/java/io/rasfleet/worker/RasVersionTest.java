package io.rasfleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RasVersionTest {

    /** Folder names as HEC's installers make them. */
    private static final List<String> INSTALLED = List.of("4.1.0", "5.0.7", "6.3", "6.3.1", "6.4.1", "6.5", "6.6",
            "6.7 Beta 4", "6.7 Beta 5", "Documentation");

    private static Optional<String> folderFor(String text) {
        return RasVersion.parse(text).pick(INSTALLED);
    }

    @Test
    void theWaysModellersWriteAVersionFindItsFolder() {
        assertEquals(Optional.of("6.6"), folderFor("6.6"));
        assertEquals(Optional.of("6.6"), folderFor("66"));
        assertEquals(Optional.of("6.5"), folderFor("6.5"));
        assertEquals(Optional.of("6.3.1"), folderFor("631"));
        assertEquals(Optional.of("6.3"), folderFor("6.3"), "6.3 is installed: never its patch 6.3.1 instead");
        assertEquals(Optional.of("5.0.7"), folderFor("507"));
        assertEquals(Optional.of("4.1.0"), folderFor("4.1"), "trailing zeros past the second number do not count");
        assertEquals(Optional.of("6.7 Beta 4"), folderFor("6.7 beta 4"), "the pre-release word, in any case");
    }

    @Test
    void planFilesTwoDigitMinorIsReadAsHecRasWritesIt() {
        assertEquals(Optional.of("6.5"), folderFor("6.50"));
        assertEquals(Optional.of("6.3.1"), folderFor("6.31"));
        assertEquals(Optional.of("6.6"), folderFor("6.60"));
    }

    @Test
    void aReleaseMissingFallsToItsNewestPreReleaseThenItsNewestPatch() {
        assertEquals(Optional.of("6.7 Beta 5"), folderFor("6.70"), "Beta 5 is newer than Beta 4");
        assertEquals(Optional.of("6.4.1"), folderFor("6.4"));
        assertEquals(Optional.empty(), folderFor("6.7 Beta 6"), "a named pre-release is that one or none");
        assertEquals(Optional.empty(), folderFor("7.0"));
        assertEquals(Optional.empty(), folderFor("6.4.2"));
    }

    @Test
    void textThatIsNoVersionIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RasVersion.parse("latest"));
        assertEquals("'latest' is not a HEC-RAS version (such as 6.6, 66, 6.3.1 or 6.7 Beta 5)", e.getMessage());
        assertTrue(RasVersion.read("6").isEmpty());
        assertTrue(RasVersion.read("6.6; rm -rf /").isEmpty());
        assertTrue(RasVersion.read(null).isEmpty());
        assertEquals("6.7 Beta 5", RasVersion.parse("6.7  Beta 5").toString());
        assertEquals("6.5", RasVersion.parse("6.50").toString());
    }
}
