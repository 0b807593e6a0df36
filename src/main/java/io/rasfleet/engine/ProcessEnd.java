package io.rasfleet.engine;

import java.time.Duration;

/**
 * How a launched process ended. {@code exitCode} is null unless it {@link How#EXITED}; an exit
 * code of 0 says nothing about the plan's success on its own (HEC-RAS exits 0 after failed solves).
 */
public record ProcessEnd(How how, Integer exitCode, Duration duration, String reason) {

    public enum How { EXITED, TIMED_OUT, STOPPED, FAILED_TO_START }

    /** The reason of an end at the time limit, in the words every worker type uses: "the time limit of 8 min was reached". */
    public static String timeLimitReached(Duration limit) {
        String said = limit.toSeconds() % 60 == 0 ? limit.toMinutes() + " min" : limit.toSeconds() + " s";
        return "the time limit of " + said + " was reached";
    }

    public boolean exitedCleanly() {
        return how == How.EXITED && exitCode != null && exitCode == 0;
    }
}
