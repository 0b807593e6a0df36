package io.rasfleet.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a running plan has got, read from the files HEC-RAS writes while it computes. Only the
 * tail of a file is read: detailed logs grow to hundreds of megabytes.
 */
public final class ComputeProgress {

    static final int TAIL_BYTES = 64 * 1024;
    private static final Pattern PROGRESS = Pattern.compile("^\\s*Progress\\s*\\|\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?\\d+)?)\\s*$");
    private static final Pattern STAMP = Pattern.compile(
            "(\\d{2}[A-Za-z]{3}\\d{4})\\s+(\\d{2}:\\d{2}(?::\\d{2})?|\\d{4})");
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("ddMMMyyyy").toFormatter(Locale.ENGLISH);

    private ComputeProgress() {
    }

    /** The last {@code Progress | x} value of a {@code .computeMsgs.txt}, 0..1; empty when there is none yet. */
    public static OptionalDouble fromComputeMessages(Path file) {
        String[] lines = completeLines(file);
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = PROGRESS.matcher(lines[i]);
            if (m.matches()) {
                return OptionalDouble.of(clamp(Double.parseDouble(m.group(1))));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The share of the simulation window reached by the last date-time a {@code .bcoNN} detailed log
     * mentions ({@code 02JAN1900 13:00:00} or {@code 02JAN1900  1300}).
     */
    public static OptionalDouble fromDetailedLog(Path file, LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null || !end.isAfter(start)) {
            return OptionalDouble.empty();
        }
        String[] lines = completeLines(file);
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = STAMP.matcher(lines[i]);
            LocalDateTime last = null;
            while (m.find()) {
                LocalDateTime time = parse(m.group(1), m.group(2));
                if (time != null) {
                    last = time;
                }
            }
            if (last != null) {
                double done = Duration.between(start, last).toMillis();
                return OptionalDouble.of(clamp(done / Duration.between(start, end).toMillis()));
            }
        }
        return OptionalDouble.empty();
    }

    private static LocalDateTime parse(String date, String time) {
        try {
            String digits = time.replace(":", "");
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = Integer.parseInt(digits.substring(2, 4));
            int seconds = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
            return java.time.LocalDate.parse(date, DATE).atStartOfDay()
                    .plusHours(hours).plusMinutes(minutes).plusSeconds(seconds);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** The lines of the file's tail, without a half-written last line or a cut first one. */
    private static String[] completeLines(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(0, size - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                // read the whole tail
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            int lastEnd = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
            if (lastEnd < 0) {
                return new String[0];
            }
            int firstStart = from == 0 ? 0 : text.indexOf('\n') + 1;
            return text.substring(Math.min(firstStart, lastEnd), lastEnd).split("\r\n|\r|\n");
        } catch (IOException e) {
            return new String[0];
        }
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    /** Tells {@code listener} the fraction {@code messages} shows, if they show one; nothing for a null listener. */
    public static void tell(Path messages, java.util.function.DoubleConsumer listener) {
        if (listener == null) {
            return;
        }
        OptionalDouble fraction = fromComputeMessages(messages);
        if (fraction.isPresent()) {
            listener.accept(fraction.getAsDouble());
        }
    }
}
