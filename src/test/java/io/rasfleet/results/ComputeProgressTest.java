package io.rasfleet.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputeProgressTest {

    @TempDir
    Path tmp;

    @Test
    void lastCompleteProgressLineCountsAndAHalfWrittenOneDoesNot() throws Exception {
        Path file = Files.writeString(tmp.resolve("X.p01.computeMsgs.txt"),
                "Message  | Plan: 'x'\r\nProgress | 0.25\r\nProgress | 0.4315\r\nProgress | 0.5");
        assertEquals(OptionalDouble.of(0.4315), ComputeProgress.fromComputeMessages(file));
    }

    @Test
    void noProgressYetOrNoFileIsEmpty() throws Exception {
        assertFalse(ComputeProgress.fromComputeMessages(tmp.resolve("none.txt")).isPresent());
        Path file = Files.writeString(tmp.resolve("X.p01.computeMsgs.txt"), "Plan: 'x'\n");
        assertFalse(ComputeProgress.fromComputeMessages(file).isPresent());
    }

    @Test
    void onlyTheTailOfALargeFileIsNeeded() throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < 3 * ComputeProgress.TAIL_BYTES) {
            text.append("Message  | some long detailed line of a big run\r\n");
        }
        text.append("Progress | 0.9\r\n");
        Path file = Files.writeString(tmp.resolve("big.computeMsgs.txt"), text);
        assertEquals(OptionalDouble.of(0.9), ComputeProgress.fromComputeMessages(file));
    }

    @Test
    void detailedLogProgressIsTheShareOfTheSimulationWindowReached() throws Exception {
        Path bco = Files.writeString(tmp.resolve("X.bco01"),
                " 02JAN1900 00:00:00   iter 1\r\n 02JAN1900  1200  iter 3\r\n 03JAN1900 00:00:00 iter 2\r\nhalf 04J");
        LocalDateTime start = LocalDateTime.of(1900, 1, 2, 0, 0);
        assertEquals(OptionalDouble.of(0.5), ComputeProgress.fromDetailedLog(bco, start, start.plusDays(2)));
        assertFalse(ComputeProgress.fromDetailedLog(bco, null, start).isPresent());
    }
}
