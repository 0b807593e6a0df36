package io.rasfleet.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross sections of a HEC-RAS geometry text file ({@code .gNN}, or the {@code .xNN} the
 * stand-in writes from it): each one's bed, main channel (bank stations), channel Manning's n and
 * channel length to the next section downstream, enough to give it a water surface that responds
 * to the geometry's roughness and the plan's flow ({@link SeriesMaker}).
 */
record SimGeometry(String title, List<CrossSection> crossSections) {

    /** A geometry that names no n: a natural channel's common value, so the stand-in still computes. */
    static final double USUAL_CHANNEL_N = 0.035;

    record CrossSection(String river, String reach, String station, double bedElevation, double channelN, double channelWidth,
                        double lengthToNext) {
        String label() {
            return river + " " + reach + " " + station;
        }
    }

    static SimGeometry parse(List<String> lines) {
        String title = null;
        String river = "";
        String reach = "";
        List<CrossSection> sections = new ArrayList<>();
        String pendingStation = null;
        double pendingLength = 0;
        // of the section last read: its Manning's n breaks (station, n) and its ground's extent
        List<double[]> manning = new ArrayList<>();
        double[] extent = null;
        boolean open = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("Geom Title=") && title == null) {
                title = line.substring("Geom Title=".length()).strip();
            } else if (line.startsWith("River Reach=")) {
                String[] parts = line.substring("River Reach=".length()).split(",", -1);
                river = parts[0].strip();
                reach = parts.length > 1 ? parts[1].strip() : "";
            } else if (line.startsWith("Type RM Length L Ch R =")) {
                String[] parts = line.substring(line.indexOf('=') + 1).split(",", -1);
                pendingStation = parts[0].strip().equals("1") && parts.length > 1 ? parts[1].strip() : null;
                pendingLength = parts.length > 3 ? number(parts[3], 0) : 0;
                open = false;
            } else if (line.startsWith("#Sta/Elev=") && pendingStation != null) {
                double[] values = values(lines, i + 1, 2 * count(line));
                double lowest = Double.MAX_VALUE;
                for (int k = 1; k < values.length; k += 2) {
                    lowest = Math.min(lowest, values[k]);
                }
                extent = values.length >= 2 ? new double[] {values[0], values[values.length - 2]} : new double[] {0, 0};
                manning.clear();
                sections.add(new CrossSection(river, reach, pendingStation, lowest == Double.MAX_VALUE ? 0 : lowest,
                        USUAL_CHANNEL_N, Math.max(1, extent[1] - extent[0]), pendingLength));
                pendingStation = null;
                open = true;
            } else if (line.startsWith("#Mann=") && open) {
                double[] values = values(lines, i + 1, 3 * count(line));
                for (int k = 0; k + 1 < values.length; k += 3) {
                    manning.add(new double[] {values[k], values[k + 1]});
                }
                CrossSection last = sections.get(sections.size() - 1);
                sections.set(sections.size() - 1, withChannel(last, manning, extent[0], extent[1]));
            } else if (line.startsWith("Bank Sta=") && open) {
                String[] banks = line.substring("Bank Sta=".length()).split(",", -1);
                if (banks.length == 2) {
                    double left = number(banks[0], extent[0]);
                    double right = number(banks[1], extent[1]);
                    CrossSection last = sections.get(sections.size() - 1);
                    sections.set(sections.size() - 1, withChannel(last, manning, left, right));
                }
            }
        }
        return new SimGeometry(title, sections);
    }

    /** The n that applies from the left bank on (HEC-RAS's breaks hold from their station to the next). */
    private static CrossSection withChannel(CrossSection section, List<double[]> manning, double left, double right) {
        double n = manning.isEmpty() ? section.channelN() : manning.get(0)[1];
        for (double[] brk : manning) {
            if (brk[0] <= left + 1e-6) {
                n = brk[1];
            }
        }
        return new CrossSection(section.river(), section.reach(), section.station(), section.bedElevation(),
                n > 0 ? n : USUAL_CHANNEL_N, Math.max(1, right - left), section.lengthToNext());
    }

    private static int count(String line) {
        String text = line.substring(line.indexOf('=') + 1).strip();
        int comma = text.indexOf(',');
        return Integer.parseInt((comma < 0 ? text : text.substring(0, comma)).strip());
    }

    private static double[] values(List<String> lines, int from, int wanted) {
        double[] values = new double[wanted];
        int read = 0;
        for (int j = from; j < lines.size() && read < wanted; j++) {
            for (String field : FixedWidth.fields(lines.get(j))) {
                if (read < wanted) {
                    values[read++] = Double.parseDouble(field);
                }
            }
        }
        return read == wanted ? values : java.util.Arrays.copyOf(values, read);
    }

    private static double number(String text, double otherwise) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
