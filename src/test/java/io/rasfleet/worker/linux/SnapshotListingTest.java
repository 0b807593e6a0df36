package io.rasfleet.worker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.SampleProjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The listing command run by this machine's own shell and coreutils (the SSH and Docker tests run it on theirs). */
class SnapshotListingTest {

    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void theListingGivesEachFilesSizeAndHashWhateverItsName() throws Exception {
        ProjectSnapshot snapshot = SampleProjects.oddlyNamed(tmp);
        Path folder = snapshot.folder();
        Processes.Result listed = Processes.run(SnapshotListing.command(folder.toString()));
        assertEquals(0, listed.code(), listed.output());
        Map<String, ProjectSnapshot.Entry> held = SnapshotListing.parse(listed.output());
        assertEquals(ProjectSnapshot.filesUnder(folder), held);
        assertEquals(SampleProjects.ODD_NAMES.size(), held.size(), held.keySet().toString());
        assertTrue(held.containsKey("trailing space "), held.keySet().toString());
        assertTrue(!Files.exists(folder.resolve("pwned")) && !Files.exists(Path.of("pwned")), "no name ran as a command");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSnapshotFolderThatIsGoneHoldsNothing() throws Exception {
        Processes.Result listed = Processes.run(SnapshotListing.command(tmp.resolve("gone").toString()));
        assertEquals(0, listed.code(), listed.output());
        assertEquals(Map.of(), SnapshotListing.parse(listed.output()));
    }

    @Test
    void gnuEscapedNamesAreReadBackAndAStrayLineIsRefused() throws Exception {
        String hash = "0123456789abcdef".repeat(4);
        Map<String, ProjectSnapshot.Entry> held = SnapshotListing.parse("5 ./a\\b\n\\" + hash + "  ./a\\\\b\n");
        assertEquals(Map.of("a\\b", new ProjectSnapshot.Entry("a\\b", 5, hash)), held);
        IOException stray = assertThrows(IOException.class, () -> SnapshotListing.parse("5 ./a\nsha256sum: oops\n"));
        assertTrue(stray.getMessage().contains("'sha256sum: oops'"), stray.getMessage());
        IOException half = assertThrows(IOException.class, () -> SnapshotListing.parse("5 ./a\n"));
        assertTrue(half.getMessage().contains("[a]"), half.getMessage());
    }
}
