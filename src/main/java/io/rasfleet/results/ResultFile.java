package io.rasfleet.results;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A HEC-RAS results file ({@code Name.pNN.hdf}) opened for reading. Opening refuses what is not a
 * whole HDF5 file with a {@link ResultFileException}. Once open, a part the file lacks reads as
 * null (real files are often trimmed), while a part that is there but cannot be read throws an
 * {@link UnreadablePartException}: a verdict must never take a damaged {@code Solution} for a
 * missing one. {@link #summary()} never throws; it lists what it could not read.
 */
public final class ResultFile implements AutoCloseable {

    static final String PLAN_INFORMATION = "/Plan Data/Plan Information";
    static final String MESSAGES = "/Results/Summary/Compute Messages (text)";
    static final String PROCESSES = "/Results/Summary/Compute Processes";
    static final List<String> SUMMARIES = List.of("/Results/Unsteady/Summary", "/Results/Steady/Summary");

    private final Path path;
    private final HdfFile hdf;

    private ResultFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    public static ResultFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ResultFileException(path.getFileName() + " does not exist (" + path + ")", null);
        }
        try {
            String problem = Hdf5Signature.problem(path);
            if (problem != null) {
                throw new ResultFileException(path.getFileName() + " " + problem, null);
            }
            return new ResultFile(path, new HdfFile(path));
        } catch (IOException e) {
            throw new ResultFileException(path.getFileName() + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof ResultFileException) {
                throw e;
            }
            throw new ResultFileException(path.getFileName() + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** True when the file has a {@code /Results} group at all. */
    public boolean hasResults() {
        return exists("/Results", null);
    }

    /** {@code Solution} of the unsteady or steady summary, or null when the file has none. */
    public String solution() {
        String summary = summaryGroup("Solution");
        return summary == null ? null : text(summary, "Solution");
    }

    /** The figures a user looks at first; whatever cannot be read is null and listed in {@link ResultSummary#unreadable()}. */
    public ResultSummary summary() {
        List<String> unreadable = new ArrayList<>();
        Reads reads = new Reads(unreadable);
        String summary = reads.get(() -> summaryGroup(null));
        return new ResultSummary(
                reads.get(() -> text(PLAN_INFORMATION, "Plan Name")),
                reads.get(() -> text(PLAN_INFORMATION, "Plan Title")),
                reads.get(() -> text(PLAN_INFORMATION, "Plan ShortID")),
                reads.get(() -> text(PLAN_INFORMATION, "Plan Filename")),
                reads.get(() -> text("/", "File Type")),
                reads.get(() -> text("/", "File Version")),
                summary == null ? null : reads.get(() -> text(summary, "Solution")),
                summary == null ? null : reads.get(() -> text(summary, "Run Time Window")),
                reads.get(() -> text(PLAN_INFORMATION, "Simulation Start Time")),
                reads.get(() -> text(PLAN_INFORMATION, "Simulation End Time")),
                summary == null ? null : reads.get(() -> text(summary, "Computation Time Total")),
                summary == null ? null : reads.get(() -> number(summary, "Maximum WSEL Error")),
                summary == null ? null : reads.get(() -> integer(summary, "Maximum number of cores")),
                summary == null ? null : reads.get(() -> text(summary, "Time Solution Went Unstable")),
                summary == null ? null : reads.get(() -> number(summary + "/Volume Accounting", "Error Percent")),
                reads.get(this::computeProcesses),
                reads.get(this::computeMessages),
                unreadable);
    }

    /** The compute messages with {@code \n} line ends, or null when the file has none. */
    public String computeMessages() {
        Object data = data(MESSAGES);
        String text = first(data);
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The unsteady summary's {@code Volume Accounting} group. */
    static final String VOLUME_ACCOUNTING = "/Results/Unsteady/Summary/Volume Accounting";

    /**
     * Every attribute of the group at {@code nodePath}, in the file's order, each as its single value
     * with the file's own type (a 32-bit float stays a {@link Float}); null when the file lacks the group.
     */
    public Map<String, Object> attributes(String nodePath) {
        try {
            Node node = node(nodePath);
            if (node == null) {
                return null;
            }
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Attribute> attribute : node.getAttributes().entrySet()) {
                Object data = attribute.getValue().getData();
                Object single = data != null && data.getClass().isArray() ? cell(data, 0) : data;
                values.put(attribute.getKey(), single instanceof String text ? text.strip() : single);
            }
            return values;
        } catch (RuntimeException e) {
            throw unreadable("attributes of " + nodePath, e);
        }
    }

    public List<ComputeProcess> computeProcesses() {
        if (!(data(PROCESSES) instanceof Map<?, ?> columns)) {
            return List.of();
        }
        Object names = columns.get("Process");
        int rows = names != null && names.getClass().isArray() ? Array.getLength(names) : 0;
        List<ComputeProcess> processes = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            Object millis = cell(columns.get("Compute Time (ms)"), i);
            processes.add(new ComputeProcess(
                    stringCell(columns.get("Process"), i),
                    stringCell(columns.get("Filename"), i),
                    stringCell(columns.get("Arguments"), i),
                    stringCell(columns.get("Compute Time"), i),
                    millis instanceof Number n ? n.intValue() : null));
        }
        return processes;
    }

    /** An attribute as text, trimmed; null when absent. */
    String text(String nodePath, String attribute) {
        Object value = attribute(nodePath, attribute);
        String text = value instanceof Number n ? n.toString() : first(value);
        return text == null ? null : text.strip();
    }

    private Double number(String nodePath, String attribute) {
        Object value = attribute(nodePath, attribute);
        Object single = value != null && value.getClass().isArray() ? cell(value, 0) : value;
        if (single instanceof Number n) {
            return n.doubleValue();
        }
        if (single instanceof String s) {
            try {
                return Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private Integer integer(String nodePath, String attribute) {
        Double value = number(nodePath, attribute);
        return value == null ? null : value.intValue();
    }

    /** The first of the unsteady and steady summary groups that the file has, or null. */
    private String summaryGroup(String wanted) {
        return SUMMARIES.stream().filter(group -> exists(group, wanted)).findFirst().orElse(null);
    }

    private boolean exists(String nodePath, String wanted) {
        try {
            return node(nodePath) != null;
        } catch (RuntimeException e) {
            throw unreadable(wanted == null ? nodePath : "attribute " + wanted + " of " + nodePath, e);
        }
    }

    private Object attribute(String nodePath, String name) {
        try {
            Node node = node(nodePath);
            Attribute attribute = node == null ? null : node.getAttribute(name);
            return attribute == null ? null : attribute.getData();
        } catch (RuntimeException e) {
            throw unreadable("attribute " + name + " of " + nodePath, e);
        }
    }

    private Object data(String datasetPath) {
        try {
            return node(datasetPath) instanceof Dataset dataset ? dataset.getData() : null;
        } catch (RuntimeException e) {
            throw unreadable(datasetPath, e);
        }
    }

    /** The node at {@code nodePath}, or null when the file lacks it; jhdf's failures to read it propagate. */
    private Node node(String nodePath) {
        try {
            return nodePath.equals("/") ? hdf : hdf.getByPath(nodePath);
        } catch (HdfInvalidPathException e) {
            return null;
        }
    }

    private UnreadablePartException unreadable(String part, RuntimeException e) {
        return new UnreadablePartException(part + " in " + path.getFileName() + " cannot be read: " + reasons(e), e);
    }

    /** jhdf wraps its failures ("Failed to load children of group ...", "Failed to read object header ..."): all of them say why. */
    private static String reasons(Throwable e) {
        List<String> reasons = new ArrayList<>();
        for (Throwable t = e; t != null && reasons.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        return String.join(": ", reasons);
    }

    /** Reads for the summary: a part that cannot be read becomes null and its error is listed. */
    record Reads(List<String> unreadable) {
        <T> T get(Supplier<T> read) {
            try {
                return read.get();
            } catch (UnreadablePartException e) {
                unreadable.add(e.getMessage());
                return null;
            }
        }
    }

    private static String first(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Object single = value != null && value.getClass().isArray() && Array.getLength(value) > 0 ? Array.get(value, 0) : null;
        return single instanceof String s ? s : null;
    }

    private static Object cell(Object column, int row) {
        return column != null && column.getClass().isArray() && row < Array.getLength(column) ? Array.get(column, row) : null;
    }

    private static String stringCell(Object column, int row) {
        Object value = cell(column, row);
        return value == null ? null : value.toString().strip();
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException e) {
            // closing a file that was only read loses nothing
        }
    }
}
