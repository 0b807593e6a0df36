package io.rasfleet.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "01", "p01", "P01", " p1 "})
    void everyUsualSpellingMeansPlanOne(String text) {
        PlanId id = PlanId.parse(text);
        assertEquals(1, id.number());
        assertEquals("01", id.digits());
        assertEquals("p01", id.extension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "p1x", "abc", "", "p", "00", "-1", "p001"})
    void otherSpellingsAreRefusedWithWhatAPlanIdLooksLike(String text) {
        ProjectException e = assertThrows(ProjectException.class, () -> PlanId.parse(text));
        assertTrue(e.getMessage().contains("01 to 99"), e.getMessage());
        assertTrue(e.getMessage().contains("p01"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "p99", "P9"})
    void twoDigitPlansParse(String text) {
        assertTrue(PlanId.parse(text).number() >= 9);
    }
}
