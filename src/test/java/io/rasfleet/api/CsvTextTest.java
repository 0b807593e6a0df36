package io.rasfleet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 4180: what pandas.read_csv and Python's csv module read back as written. */
class CsvTextTest {

    @Test
    void headerRowThenQuotedFieldsWhereNeededAndEmptyForNull() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plan", "01");
        row.put("title", "Muncie, \"wide\" 15s");
        row.put("first_error_line", "ERROR: a\nb");
        row.put("hours", 0.5);
        row.put("completed", true);
        row.put("worker", null);
        String csv = CsvText.of(List.of("plan", "title", "first_error_line", "hours", "completed", "worker"), List.of(row));
        assertEquals("plan,title,first_error_line,hours,completed,worker\r\n"
                + "01,\"Muncie, \"\"wide\"\" 15s\",\"ERROR: a\nb\",0.5,true,\r\n", csv);
    }

    @Test
    void noRowsIsTheHeaderAlone() {
        assertEquals("a,b\r\n", CsvText.of(List.of("a", "b"), List.of()));
    }
}
