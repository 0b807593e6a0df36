package io.rasfleet.worker.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    /** What a POSIX shell makes of a command line, by asking one. */
    static List<String> asShellReadsIt(String line) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", "for w in " + line + "; do printf '%s\\0' \"$w\"; done").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return List.of(out.split("\0"));
    }

    @Test
    void everyWordStaysOneWordAndNothingIsExpanded() throws Exception {
        List<String> words = List.of("plain", "with space", "it's", "$(touch /tmp/x)", "`id`", "a;b|c&d", "*", "~", "$HOME",
                "new\nline", "\\back");
        assertEquals(words, asShellReadsIt(ShellWords.join(words)));
    }

    @Test
    void launchLinePutsTheEnvironmentAndProgramAfterTheFolder() {
        assertEquals("cd '/w/it'\\''s' && echo rasfleet-pid $$ && exec env 'LD_LIBRARY_PATH=/e/libs' '/e/RasUnsteady' 'M.p01.tmp.hdf' 'x01'",
                ShellWords.launch("/w/it's", Map.of("LD_LIBRARY_PATH", "/e/libs"), List.of("/e/RasUnsteady", "M.p01.tmp.hdf", "x01")));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.launch("/w", Map.of("A;B", "x"), List.of("p")));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.quote("nul\0"));
    }
}
