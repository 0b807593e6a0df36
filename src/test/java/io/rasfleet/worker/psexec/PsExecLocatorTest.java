package io.rasfleet.worker.psexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PsExecLocatorTest {

    @TempDir
    Path tmp;

    @Test
    void aDownloadIsKeptOnlyWithTheConfiguredSha256() throws Exception {
        Path published = Files.write(tmp.resolve("PsExec64.exe"), new byte[] {'M', 'Z', 1, 2, 3});
        String sha256 = ProjectSnapshot.sha256(published);
        Path target = tmp.resolve("tools/PsExec64.exe");

        IOException refused = assertThrows(IOException.class, () -> PsExecLocator.download(published.toUri(), "0".repeat(64), target));
        assertTrue(refused.getMessage().contains(sha256) && refused.getMessage().contains("refused"), refused.getMessage());
        assertFalse(Files.exists(target), "a file with another hash is not kept");
        try (var left = Files.list(target.getParent())) {
            assertEquals(List.of(), left.toList(), "nor any partial file");
        }

        PsExecLocator.download(published.toUri(), sha256.toUpperCase(), target);
        assertEquals(sha256, ProjectSnapshot.sha256(target));

        IOException plain = assertThrows(IOException.class,
                () -> PsExecLocator.download(URI.create("http://example.invalid/PsExec64.exe"), sha256, target));
        assertTrue(plain.getMessage().contains("https only"), plain.getMessage());
    }

    @Test
    void aConfiguredPathIsTheOnlyPlaceLookedAtAndMustExist() {
        List<String> looked = new ArrayList<>();
        assertTrue(PsExecLocator.find(tmp.resolve("missing/PsExec").toString(), looked).isEmpty());
        assertEquals(List.of(tmp.resolve("missing/PsExec").toString()), looked);
    }
}
