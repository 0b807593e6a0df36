package io.rasfleet.project;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A plan's {@code Simulation Date=01JAN1999,1200,04JAN1999,1200}. Steady plans leave it empty
 * ({@code ,,,}); HEC-RAS writes midnight at the end of a day as {@code 2400}.
 */
public record SimulationWindow(LocalDateTime start, LocalDateTime end) {

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("ddMMMyyyy").toFormatter(Locale.ENGLISH);

    /** The window of a {@code Simulation Date=} value, or null when the plan has none. */
    public static SimulationWindow parse(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",", -1);
        if (parts.length < 4 || parts[0].isBlank() || parts[2].isBlank()) {
            return null;
        }
        try {
            return new SimulationWindow(dateTime(parts[0], parts[1]), dateTime(parts[2], parts[3]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ProjectException("Simulation Date='" + value + "' is not a HEC-RAS date window"
                    + " (expected like 01JAN1999,1200,04JAN1999,1200)", e);
        }
    }

    /** A HEC-RAS date and time ({@code 01JAN1999} with {@code 1200}, {@code 12:00} or {@code 24:00:00}). */
    public static LocalDateTime dateTime(String date, String time) {
        LocalDate day = LocalDate.parse(date.strip(), DATE);
        String hhmm = time.strip().replace(":", "");
        if (hhmm.isEmpty()) {
            return day.atStartOfDay();
        }
        if (hhmm.length() > 4) {
            hhmm = hhmm.substring(0, 4);
        }
        int value = Integer.parseInt(hhmm);
        int hours = value / 100;
        int minutes = value % 100;
        if (hours == 24 && minutes == 0) {
            return day.plusDays(1).atStartOfDay();
        }
        return LocalDateTime.of(day, LocalTime.of(hours, minutes));
    }
}
