package io.rasfleet.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /runs}; only {@code project} is required. A field left out is null and
 * gets its default where the run is made. The OpenAPI document's schema of the body is made from
 * this record, so that it lists what {@link #read} accepts.
 */
@Schema(name = "RunRequest", description = "the run to start; unknown fields are refused")
record RunRequest(
        @Schema(required = true, description = "path of a .prj file or its folder, under RASFLEET_PROJECT_ROOTS") String project,
        @Schema(description = "plan numbers such as [\"01\", \"3\"]; all plans when absent") List<String> plans,
        @Schema(description = "worker names; all enabled workers when absent") List<String> workers,
        @Schema(minimum = "0", maximum = "256", description = "cores per plan") Integer numCores,
        @Schema(description = "delete the geometry preprocessor file (Name.cGG) on the staged copy so that HEC-RAS preprocesses again (default false)") Boolean clearGeompre,
        @Schema(description = "as clearGeompre, and delete the geometry HDF (Name.gGG.hdf) on the staged copy too (default false)") Boolean forceGeompre,
        @Schema(description = "bring the geometry preprocessor's outputs a run made (Name.gGG.hdf, Name.cGG) home with the plan's result,"
                + " unless the project's geometry changed since the run staged it (default true)") Boolean copyGeometryOutputs,
        @Schema(description = "remove staged copies after the run (default true)") Boolean autoclean,
        @Schema(minimum = "1", maximum = "10", description = "attempts per plan (default 2)") Integer maxAttempts,
        @Schema(minimum = "1", maximum = "10080", description = "time limit per attempt (default 480)") Integer timeoutMinutes,
        @Schema(description = "skip plans whose results are current") Boolean skipCurrent,
        @Schema(description = "run plans even when their results are current") Boolean force,
        @Schema(minimum = "1", maximum = "10000", description = "how many of the run's plans may compute at once (default: as many as there are slots)")
        Integer maxConcurrent,
        @Schema(minimum = "-100", maximum = "100", description = "higher runs' plans take free slots first (default 0)") Integer priority) {

    static final List<String> FIELDS = List.of("project", "plans", "workers", "numCores", "clearGeompre", "forceGeompre",
            "copyGeometryOutputs", "autoclean",
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
                json.bool("forceGeompre"),
                json.bool("copyGeometryOutputs"),
                json.bool("autoclean"),
                json.whole("maxAttempts", 1, 10),
                json.whole("timeoutMinutes", 1, 7 * 24 * 60),
                json.bool("skipCurrent"),
                json.bool("force"),
                json.whole("maxConcurrent", 1, 10_000),
                json.whole("priority", -100, 100));
    }
}
