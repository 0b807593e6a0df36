package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedTextFileTest {

    @TempDir
    Path tmp;

    @Test
    void readAndSaveWithoutEditsKeepsEveryByteOfMixedLineEndings() throws Exception {
        byte[] original = "A=1\r\nB=2\nC=\u00e93\rD=4".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(tmp.resolve("mixed.p01"), original);
        KeyedTextFile.read(file).save();
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void setAllChangesEveryOccurrenceAndOnlyThoseLines() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.p01"), "K= 0 \r\nOther=1\r\nK= 0 \r\nLast=2\r\n");
        KeyedTextFile text = KeyedTextFile.read(file);
        assertEquals(2, text.setAll("K", " 4", null));
        text.save();
        assertEquals("K= 4\r\nOther=1\r\nK= 4\r\nLast=2\r\n", Files.readString(file));
    }

    @Test
    void absentKeyIsAddedAfterItsAnchorWithTheFilesOwnLineEnding() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.p01"), "A=1\r\nUNET X=2\r\nZ=3");
        KeyedTextFile text = KeyedTextFile.read(file);
        text.setAll("PS Cores", " 2", "UNET");
        text.save();
        assertEquals("A=1\r\nUNET X=2\r\nPS Cores= 2\r\nZ=3", Files.readString(file));
    }

    @Test
    void absentKeyWithoutAnchorIsAppendedAfterALastLineWithoutEnding() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.p01"), "A=1\nB=2");
        KeyedTextFile text = KeyedTextFile.read(file);
        text.setAll("C", "3", "NOPE");
        text.save();
        assertEquals("A=1\nB=2\nC=3", Files.readString(file));
    }

    @Test
    void valuesOfARepeatedKeyComeInFileOrder() throws Exception {
        Path file = Files.writeString(tmp.resolve("x.prj"), "Plan File=p01\nPlan File=p02\nPlan Title=x\n");
        KeyedTextFile text = KeyedTextFile.read(file);
        assertEquals(List.of("p01", "p02"), text.values("Plan File"));
        assertFalse(text.trimmed("Missing").isPresent());
    }
}
