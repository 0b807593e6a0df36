package io.rasfleet.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross sections of a HEC-RAS geometry text file ({@code .gNN}, or the {@code .xNN} the
 * stand-in writes from it), enough to give each one a plausible water surface.
 */
record SimGeometry(String title, List<CrossSection> crossSections) {

    record CrossSection(String river, String reach, String station, double bedElevation) {
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
            } else if (line.startsWith("#Sta/Elev=") && pendingStation != null) {
                int pairs = Integer.parseInt(line.substring("#Sta/Elev=".length()).strip());
                double lowest = Double.MAX_VALUE;
                int values = 0;
                for (int j = i + 1; j < lines.size() && values < 2 * pairs; j++) {
                    for (String field : FixedWidth.fields(lines.get(j))) {
                        if (values % 2 == 1) {
                            lowest = Math.min(lowest, Double.parseDouble(field));
                        }
                        values++;
                    }
                }
                sections.add(new CrossSection(river, reach, pendingStation, lowest == Double.MAX_VALUE ? 0 : lowest));
                pendingStation = null;
            }
        }
        return new SimGeometry(title, sections);
    }
}
