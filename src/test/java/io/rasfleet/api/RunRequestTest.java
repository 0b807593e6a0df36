package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /runs reads its body strictly: nothing a user sends is dropped, cut short or guessed. */
class RunRequestTest {

    private static String refusal(String body) {
        ApiException e = assertThrows(ApiException.class, () -> RunRequest.read(body), body);
        assertEquals(400, e.status());
        return e.getMessage();
    }

    @Test
    void everyFieldIsReadWithItsType() {
        RunRequest r = RunRequest.read("{\"project\": \"/p\", \"plans\": [\"01\", \"3\"], \"workers\": [\"local\"], \"numCores\": 4,"
                + " \"clearGeompre\": true, \"forceGeompre\": true, \"copyGeometryOutputs\": false, \"autoclean\": false, \"maxAttempts\": 3, \"timeoutMinutes\": 5,"
                + " \"skipCurrent\": true, \"force\": false, \"maxConcurrent\": 2, \"priority\": 5}");
        assertEquals(new RunRequest("/p", List.of("01", "3"), List.of("local"), 4, true, true, false, false, 3, 5, true, false, 2, 5), r);
    }

    @Test
    void absentAndNullFieldsAreLeftToTheirDefaults() {
        assertEquals(new RunRequest("/p", null, null, null, null, null, null, null, null, null, null, null, null, null),
                RunRequest.read("{\"project\": \"/p\", \"numCores\": null, \"plans\": null}"));
    }

    @Test
    void skipCurrentAndForceMustBeBooleans() {
        assertEquals("skipCurrent must be true or false, not the string \"yes\" (POST /runs)",
                refusal("{\"project\": \"/p\", \"skipCurrent\": \"yes\"}"));
        assertEquals("force must be true or false, not 1 (POST /runs)", refusal("{\"project\": \"/p\", \"force\": 1}"));
    }

    @Test
    void aMisspelledFieldIsRefusedNamingItAndTheKnownOnes() {
        String message = refusal("{\"project\": \"/p\", \"timeout_minutes\": 5}");
        assertEquals("unknown field timeout_minutes in POST /runs; known fields: project, plans, workers, numCores,"
                + " clearGeompre, forceGeompre, copyGeometryOutputs, autoclean, maxAttempts, timeoutMinutes, skipCurrent, force, maxConcurrent, priority", message);
    }

    @Test
    void numbersOutOfRangeAreRefusedWhateverTheirSize() {
        assertEquals("numCores must be from 0 to 256, not 4294967297 (POST /runs)",
                refusal("{\"project\": \"/p\", \"numCores\": 4294967297}"));
        assertTrue(refusal("{\"project\": \"/p\", \"numCores\": 1e9}").startsWith("numCores must be from 0 to 256, not 1"));
        assertTrue(refusal("{\"project\": \"/p\", \"maxAttempts\": -99999999999999999999999}")
                .startsWith("maxAttempts must be from 1 to 10, not -99999999999999999999999"));
        assertTrue(refusal("{\"project\": \"/p\", \"timeoutMinutes\": 10081}").startsWith("timeoutMinutes must be from 1 to 10080"));
    }

    @Test
    void aNumberWithAFractionIsRefusedAndAWholeOneInAnyNotationIsTaken() {
        assertTrue(refusal("{\"project\": \"/p\", \"numCores\": 2.5}").startsWith("numCores must be a whole number from 0 to 256, not 2.5"));
        assertEquals(200, RunRequest.read("{\"project\": \"/p\", \"numCores\": 2e2}").numCores());
        assertEquals(4, RunRequest.read("{\"project\": \"/p\", \"numCores\": 4.0}").numCores());
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheTypeExpected() {
        assertTrue(refusal("{\"project\": \"/p\", \"plans\": \"01\"}").startsWith("plans must be a list of strings such as [\"01\", \"3\"], not the string \"01\""));
        assertTrue(refusal("{\"project\": \"/p\", \"plans\": [1]}").startsWith("plans must be a list of strings"));
        assertTrue(refusal("{\"project\": \"/p\", \"numCores\": \"four\"}").startsWith("numCores must be a whole number from 0 to 256, not the string \"four\""));
        assertTrue(refusal("{\"project\": \"/p\", \"autoclean\": \"yes\"}").startsWith("autoclean must be true or false, not the string \"yes\""));
        assertTrue(refusal("{\"project\": 5}").startsWith("project must be a string (the path of a .prj file or of its folder), not 5"));
        assertTrue(refusal("{\"project\": \"/p\", \"workers\": {\"local\": 1}}").startsWith("workers must be a list of strings"));
    }

    @Test
    void aFieldGivenTwiceIsRefusedRatherThanTheLastOneKept() {
        String message = refusal("{\"project\": \"/p\", \"numCores\": 2, \"numCores\": 300}");
        assertTrue(message.startsWith("the request body of POST /runs is not the JSON expected: "), message);
        assertTrue(message.contains("numCores"), message);
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedNamingTheBody() {
        assertEquals("the request body of POST /runs is not the JSON expected: it must be an object {...}, not array", refusal("[]"));
        assertTrue(refusal("{\"project\": ").startsWith("the request body of POST /runs is not the JSON expected: "));
    }

    @Test
    void aRunTakesNoCommentKeysOnlyWorkersFilesDo() {
        assertTrue(refusal("{\"project\": \"/p\", \"_comment\": \"x\"}").startsWith("unknown field _comment in POST /runs;"));
    }

    @Test
    void aBodyWithoutFieldsTakesNone() {
        JsonBody.parse("", "POST /runs/7/restart", List.of());
        JsonBody.parse("{}", "POST /runs/7/restart", List.of());
        ApiException e = assertThrows(ApiException.class, () -> JsonBody.parse("{\"plans\": [\"04\"]}", "POST /runs/7/restart", List.of()));
        assertEquals("unknown field plans in POST /runs/7/restart; it takes no fields", e.getMessage());
    }
}
