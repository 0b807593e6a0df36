package io.rasfleet.engine;

import java.time.Duration;

/**
 * How a launched process ended. {@code exitCode} is null unless it {@link How#EXITED}; an exit
 * code of 0 says nothing about the plan's success on its own (HEC-RAS exits 0 after failed solves).
 */
public record ProcessEnd(How how, Integer exitCode, Duration duration, String reason) {

    public enum How { EXITED, TIMED_OUT, STOPPED, FAILED_TO_START }

    public boolean exitedCleanly() {
        return how == How.EXITED && exitCode != null && exitCode == 0;
    }
}
