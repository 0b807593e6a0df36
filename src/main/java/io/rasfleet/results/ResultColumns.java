package io.rasfleet.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan's row of ras-commander's results table ({@code ResultsSummary.summarize_plan}): its
 * columns, in its order, with its names and its definitions, so that a notebook written for
 * ras-commander reads ours unchanged. Floats are written as the shortest decimal that reads back
 * to the file's value ({@link ShortestDecimal}).
 *
 * <p>ras-commander reads a plan's compute messages from its results file, else from the
 * {@code .computeMsgs.txt} (or 5.x {@code .comp_msgs.txt}) beside it. A plan whose run brought no
 * results file home (it failed) has a row from the messages its run kept: {@code completed}, the
 * error and warning columns and the run times the messages give, where ras-commander, finding no
 * file, would show nothing. A part of the file that is there but cannot be read leaves its columns
 * empty and is named in {@code unreadable}.
 */
public record ResultColumns(Map<String, Object> values, List<String> unreadable) {

    /** ras-commander's {@code ResultsSummary.get_summary_columns()}. */
    public static final List<String> NAMES = List.of("plan_number", "plan_title", "flow_type", "hdf_path", "hdf_exists",
            "hdf_file_modified", "ras_version", "completed", "has_errors", "has_warnings", "error_count", "warning_count",
            "first_error_line", "runtime_simulation_start", "runtime_simulation_end", "runtime_simulation_hours",
            "runtime_complete_process_hours", "runtime_unsteady_compute_hours", "runtime_complete_process_speed",
            "runtime_source", "vol_error", "vol_accounting_units", "vol_error_percent", "vol_flux_in", "vol_flux_out",
            "vol_starting", "vol_ending");

    /** The attributes of {@code Volume Accounting} and the columns ras-commander names them. */
    private static final Map<String, String> VOLUME_COLUMNS = volumeColumns();

    public ResultColumns {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        unreadable = List.copyOf(unreadable);
    }

    /** A column's value: null when empty; floats as {@link java.math.BigDecimal}. */
    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("the results table has no column " + column + "; its columns are " + NAMES);
        }
        return values.get(column);
    }

    /**
     * The row of {@code plan}: from its results file {@code hdf} (null when its run brought none
     * home) and, without one, from {@code keptMessages}, the compute messages its last attempt kept.
     */
    public static ResultColumns read(PlanFacts plan, Path hdf, String keptMessages) {
        Map<String, Object> v = new LinkedHashMap<>();
        NAMES.forEach(name -> v.put(name, null));
        v.put("plan_number", plan.planNumber());
        v.put("plan_title", plan.planTitle());
        v.put("flow_type", plan.flowType());
        v.put("hdf_path", hdf == null ? null : hdf.toString());
        v.put("hdf_exists", false);
        v.put("ras_version", plan.rasVersion());
        List<String> unreadable = new ArrayList<>();
        ResultFile.Reads reads = new ResultFile.Reads(unreadable);
        String messages = null;
        SummaryRuntime runtime = null;
        Map<String, Object> volume = null;
        boolean unsteady = PlanFacts.UNSTEADY.toLowerCase(Locale.ROOT).equals(String.valueOf(plan.flowType()).toLowerCase(Locale.ROOT));
        if (hdf != null && Files.isRegularFile(hdf)) {
            v.put("hdf_exists", true);
            try {
                v.put("hdf_file_modified", Files.getLastModifiedTime(hdf).toInstant().toString());
            } catch (IOException e) {
                unreadable.add("the time of " + hdf.getFileName() + " cannot be read: " + e.getMessage());
            }
            try (ResultFile file = ResultFile.open(hdf)) {
                messages = reads.get(file::computeMessages);
                String start = reads.get(() -> file.text(ResultFile.PLAN_INFORMATION, "Simulation Start Time"));
                String end = reads.get(() -> file.text(ResultFile.PLAN_INFORMATION, "Simulation End Time"));
                List<ComputeProcess> processes = reads.get(file::computeProcesses);
                runtime = processes == null ? null : SummaryRuntime.fromFile(start, end, processes);
                volume = unsteady ? reads.get(() -> file.attributes(ResultFile.VOLUME_ACCOUNTING)) : null;
            } catch (ResultFileException e) {
                unreadable.add(e.getMessage());
            }
            if (messages == null) {
                messages = besideResult(hdf, unreadable);
            }
        } else {
            messages = keptMessages;
        }
        MessageCounts counts = MessageCounts.of(messages);
        v.put("completed", counts.completed());
        v.put("has_errors", counts.hasErrors());
        v.put("has_warnings", counts.hasWarnings());
        v.put("error_count", counts.errorCount());
        v.put("warning_count", counts.warningCount());
        v.put("first_error_line", counts.firstErrorLine());
        MessageRuntimes fallback = null;
        if (runtime == null && messages != null && !messages.isEmpty()) {
            fallback = MessageRuntimes.of(messages);
            runtime = SummaryRuntime.fromMessages(fallback);
        }
        if (runtime == null) {
            runtime = SummaryRuntime.NONE;
        }
        v.put("runtime_simulation_start", runtime.simulationStart());
        v.put("runtime_simulation_end", runtime.simulationEnd());
        v.put("runtime_simulation_hours", ShortestDecimal.ofNumber(runtime.simulationHours()));
        v.put("runtime_complete_process_hours", ShortestDecimal.ofNumber(runtime.completeProcessHours()));
        v.put("runtime_unsteady_compute_hours", ShortestDecimal.ofNumber(runtime.unsteadyComputeHours()));
        v.put("runtime_complete_process_speed", ShortestDecimal.ofNumber(runtime.completeProcessSpeed()));
        v.put("runtime_source", runtime.source());
        if (volume != null) {
            for (Map.Entry<String, String> column : VOLUME_COLUMNS.entrySet()) {
                if (volume.containsKey(column.getKey())) {
                    v.put(column.getValue(), ShortestDecimal.ofNumber(volume.get(column.getKey())));
                }
            }
        } else if (unsteady && fallback != null) {
            v.put("vol_error_percent", ShortestDecimal.ofNumber(fallback.volErrorPercent()));
        }
        return new ResultColumns(v, unreadable);
    }

    /** ras-commander's fallbacks when the results file holds no messages: HEC-RAS 6.x's text file, then 5.x's. */
    private static String besideResult(Path hdf, List<String> unreadable) {
        for (String suffix : List.of(".computeMsgs.txt", ".comp_msgs.txt")) {
            Path text = Path.of(hdf.toString().replace(".hdf", suffix));
            if (Files.isRegularFile(text)) {
                try {
                    return new String(Files.readAllBytes(text), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    unreadable.add(text.getFileName() + " cannot be read: " + e.getMessage());
                }
            }
        }
        return null;
    }

    private static Map<String, String> volumeColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("Error", "vol_error");
        columns.put("Vol Accounting in", "vol_accounting_units");
        columns.put("Error Percent", "vol_error_percent");
        columns.put("Total Boundary Flux of Water In", "vol_flux_in");
        columns.put("Total Boundary Flux of Water Out", "vol_flux_out");
        columns.put("Volume Starting", "vol_starting");
        columns.put("Volume Ending", "vol_ending");
        return Collections.unmodifiableMap(columns);
    }
}
