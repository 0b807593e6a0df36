package io.rasfleet.api;

import java.util.List;

/**
 * The body of {@code POST /runs}; only {@code project} is required. A field left out is null and
 * gets its default where the run is made.
 */
record RunRequest(String project, List<String> plans, List<String> workers, Integer numCores, Boolean clearGeompre,
                  Boolean autoclean, Integer maxAttempts, Integer timeoutMinutes, Boolean skipCurrent, Boolean force,
                  Integer maxConcurrent, Integer priority) {

    static final List<String> FIELDS = List.of("project", "plans", "workers", "numCores", "clearGeompre", "autoclean",
            "maxAttempts", "timeoutMinutes", "skipCurrent", "force", "maxConcurrent", "priority");

    /** The request in {@code body}, refused naming the field when a field is unknown, of the wrong type or out of range. */
    static RunRequest read(String body) {
        JsonBody json = JsonBody.parse(body, "POST /runs", FIELDS);
        return new RunRequest(
                json.string("project", "the path of a .prj file or of its folder"),
                json.strings("plans", "[\"01\", \"3\"]"),
                json.strings("workers", "[\"local\"]"),
                json.whole("numCores", 0, 256),
                json.bool("clearGeompre"),
                json.bool("autoclean"),
                json.whole("maxAttempts", 1, 10),
                json.whole("timeoutMinutes", 1, 7 * 24 * 60),
                json.bool("skipCurrent"),
                json.bool("force"),
                json.whole("maxConcurrent", 1, 10_000),
                json.whole("priority", -100, 100));
    }
}
