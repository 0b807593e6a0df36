package io.rasfleet.worker.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentCacheTest {

    static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void evictionTakesTheLeastRecentlyUsedUnheldEntriesUntilUnderTheLimit() {
        List<ContentCache.Entry> entries = List.of(
                new ContentCache.Entry(hash('a'), 300, 1, 100),
                new ContentCache.Entry(hash('b'), 100, 2, 100), // oldest, but a snapshot holds it
                new ContentCache.Entry(hash('c'), 200, 1, 100),
                new ContentCache.Entry(hash('d'), 400, 1, 100));
        assertEquals(List.of(), ContentCache.victims(entries, 400));
        assertEquals(List.of(hash('c')), ContentCache.victims(entries, 300));
        assertEquals(List.of(hash('c'), hash('a')), ContentCache.victims(entries, 200));
        assertEquals(List.of(hash('c'), hash('a'), hash('d')), ContentCache.victims(entries, 0), "the held entry stays");
    }

    @Test
    void aStagingPassIsReadAndALineOfNoKnownShapeIsRefusedQuoted() throws IOException {
        ContentCache.Pass pass = ContentCache.parse("missing " + hash('e') + "\nentry 1700000000 2 512 ./aa/" + hash('a') + "\n");
        assertEquals(Set.of(hash('e')), pass.missing());
        assertEquals(List.of(new ContentCache.Entry(hash('a'), 1700000000L, 2, 512)), pass.entries());
        IOException refused = assertThrows(IOException.class, () -> ContentCache.parse("rm: cannot remove 'x'\n"));
        assertTrue(refused.getMessage().contains("'rm: cannot remove 'x''"), refused.getMessage());
    }

    @Test
    void theManifestNamesEachFileByItsHashAndRefusesALineBreakInAName() throws IOException {
        ProjectSnapshot snapshot = new ProjectSnapshot(Path.of("/p"), "P", List.of(
                new ProjectSnapshot.Entry("a b.p01", 3, hash('A')), new ProjectSnapshot.Entry("sub/x.tif", 4, hash('b'))));
        assertEquals(hash('a') + " a b.p01\n" + hash('b') + " sub/x.tif\n", ContentCache.manifest(snapshot));
        ProjectSnapshot broken = new ProjectSnapshot(Path.of("/p"), "P", List.of(new ProjectSnapshot.Entry("a\nb", 3, hash('a'))));
        IOException refused = assertThrows(IOException.class, () -> ContentCache.manifest(broken));
        assertTrue(refused.getMessage().contains("line break"), refused.getMessage());
    }

    @Test
    void hashesAreRefusedAsWordsUnlessTheyAreSha256() {
        assertThrows(IllegalArgumentException.class, () -> ContentCache.purgeCommand("/c", List.of("$(reboot)")));
        assertEquals(List.of("sh", "-c", ContentCache.PURGE, "sh", "/c", hash('f')), ContentCache.purgeCommand("/c", List.of(hash('f'))));
    }
}
