package io.rasfleet.worker;

import java.util.List;
import java.util.stream.Collectors;

/** The answer of {@link Worker#check()}: each thing checked, whether it passed, and what was found. */
public record CheckReport(String worker, List<Item> items) {

    public record Item(String what, boolean ok, String detail) {
    }

    public CheckReport {
        items = List.copyOf(items);
    }

    public boolean ok() {
        return items.stream().allMatch(Item::ok);
    }

    /** One line per item: "ok: ..." or "FAILED: ...". */
    public String summary() {
        return items.stream().map(i -> (i.ok() ? "ok: " : "FAILED: ") + i.what() + " - " + i.detail())
                .collect(Collectors.joining("\n"));
    }
}
