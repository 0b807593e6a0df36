package io.rasfleet.sim;

import java.util.ArrayList;
import java.util.List;

/** HEC-RAS writes number tables in 8-character columns, and numbers may touch ({@code 1500014583.33}). */
final class FixedWidth {

    private static final int WIDTH = 8;

    private FixedWidth() {
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (int start = 0; start < line.length(); start += WIDTH) {
            String field = line.substring(start, Math.min(line.length(), start + WIDTH)).strip();
            if (!field.isEmpty()) {
                fields.add(field);
            }
        }
        return fields;
    }
}
