package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessPriorityTest {

    @ParameterizedTest
    @CsvSource({"low,LOW", "Idle,LOW", "-low,LOW", "below normal,BELOW_NORMAL", "BELOW_NORMAL,BELOW_NORMAL",
            "belownormal,BELOW_NORMAL", "-belownormal,BELOW_NORMAL", "Normal,NORMAL", "'',LOW"})
    void configSpellingsParse(String text, ProcessPriority expected) {
        assertEquals(expected, ProcessPriority.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"high", "above normal", "realtime", "-high", "fast"})
    void anythingAboveNormalOrUnknownIsRefusedListingTheAllowed(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessPriority.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'") && e.getMessage().contains("low, below normal or normal"),
                e.getMessage());
    }
}
