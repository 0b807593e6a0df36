package io.rasfleet.api;

import java.util.List;
import java.util.Map;

/**
 * Rows as RFC 4180 CSV: a header row, CRLF line ends, a field quoted when it holds a comma, a quote
 * or a line end (plan titles may), its quotes doubled. A null is an empty field, which
 * {@code pandas.read_csv} reads as missing.
 */
final class CsvText {

    private CsvText() {
    }

    static String of(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, columns.stream().map(c -> (Object) c).toList());
        for (Map<String, Object> row : rows) {
            line(csv, columns.stream().map(row::get).toList());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(values.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
