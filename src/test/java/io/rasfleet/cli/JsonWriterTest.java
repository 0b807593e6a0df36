package io.rasfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapesControlCharactersQuotesAndBackslashes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("text", "a\"b\\c\r\n\t\u0001");
        map.put("n", 1.5);
        map.put("nan", Double.NaN);
        map.put("none", null);
        map.put("list", List.of(true, 2));
        map.put("empty", List.of());
        assertEquals("{\n  \"text\": \"a\\\"b\\\\c\\r\\n\\t\\u0001\",\n  \"n\": 1.5,\n  \"nan\": null,\n  \"none\": null,\n"
                + "  \"list\": [\n    true,\n    2\n  ],\n  \"empty\": []\n}\n", JsonWriter.write(map));
    }
}
