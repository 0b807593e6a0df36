package io.rasfleet.worker.linux;

import io.rasfleet.worker.CheckReport;
import java.util.List;

/** A check's "free disk" item from {@code df -Pk -- <folder>} on a Linux machine. */
public final class FreeDisk {

    /** Free space below which a check fails: a HEC-RAS result alone can take gigabytes. */
    public static final long LOW_KIB = 1L << 20;

    private FreeDisk() {
    }

    /** The words to run on the machine; the last line of what they print is read by {@link #item}. */
    public static List<String> command(String folder) {
        return List.of("df", "-Pk", "--", folder);
    }

    /** The item from what {@link #command} printed ({@code ok}: it exited 0). */
    public static CheckReport.Item item(boolean ok, String printed, String folder, String host) {
        String[] lines = printed.strip().split("\n");
        String[] fields = lines[lines.length - 1].trim().split("\\s+");
        if (!ok || fields.length < 4 || !fields[3].matches("\\d+")) {
            return new CheckReport.Item("free disk", false, "df did not answer: " + printed);
        }
        long freeKib = Long.parseLong(fields[3]);
        return new CheckReport.Item("free disk", freeKib >= LOW_KIB,
                String.format("%.1f GiB free in %s on %s", freeKib / (double) (1L << 20), folder, host));
    }
}
