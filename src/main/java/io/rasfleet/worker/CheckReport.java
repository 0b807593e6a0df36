package io.rasfleet.worker;

import java.util.List;
import java.util.stream.Collectors;

/** The answer of {@link Worker#check()}: each thing checked, whether it passed, and what was found. */
public record CheckReport(String worker, List<Item> items) {

    /**
     * One thing checked. A {@code warning} passes ({@code ok}): the worker works, but not as its
     * admin would want (a cluster that gives each job a whole node's memory); forms and the
     * summary show it apart.
     */
    public record Item(String what, boolean ok, String detail, boolean warning) {

        public Item(String what, boolean ok, String detail) {
            this(what, ok, detail, false);
        }

        /** A finding that does not keep the worker from taking plans. */
        public static Item warning(String what, String detail) {
            return new Item(what, true, detail, true);
        }
    }

    public CheckReport {
        items = List.copyOf(items);
    }

    public boolean ok() {
        return items.stream().allMatch(Item::ok);
    }

    /** One line per item: "ok: ...", "WARNING: ..." or "FAILED: ...". */
    public String summary() {
        return items.stream().map(i -> (i.warning() ? "WARNING: " : i.ok() ? "ok: " : "FAILED: ") + i.what() + " - " + i.detail())
                .collect(Collectors.joining("\n"));
    }
}
