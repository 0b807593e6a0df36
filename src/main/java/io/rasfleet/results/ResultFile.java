package io.rasfleet.results;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A HEC-RAS results file ({@code Name.pNN.hdf}) opened for reading. Opening refuses what is not a
 * whole HDF5 file with a {@link ResultFileException}; once open, every read is guarded, so a part
 * the file lacks or cannot give reads as null.
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
        return node("/Results") != null;
    }

    public ResultSummary summary() {
        String summary = SUMMARIES.stream().filter(p -> node(p) != null).findFirst().orElse(null);
        return new ResultSummary(
                text(PLAN_INFORMATION, "Plan Name"),
                text(PLAN_INFORMATION, "Plan Title"),
                text(PLAN_INFORMATION, "Plan ShortID"),
                text(PLAN_INFORMATION, "Plan Filename"),
                text("/", "File Type"),
                text("/", "File Version"),
                summary == null ? null : text(summary, "Solution"),
                summary == null ? null : text(summary, "Run Time Window"),
                text(PLAN_INFORMATION, "Simulation Start Time"),
                text(PLAN_INFORMATION, "Simulation End Time"),
                summary == null ? null : text(summary, "Computation Time Total"),
                summary == null ? null : number(summary, "Maximum WSEL Error"),
                summary == null ? null : integer(summary, "Maximum number of cores"),
                summary == null ? null : text(summary, "Time Solution Went Unstable"),
                summary == null ? null : number(summary + "/Volume Accounting", "Error Percent"),
                computeProcesses(),
                computeMessages());
    }

    /** The compute messages with {@code \n} line ends, or null. */
    public String computeMessages() {
        Object data = data(MESSAGES);
        String text = first(data);
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    List<ComputeProcess> computeProcesses() {
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

    /** An attribute as text, trimmed; null when absent or unreadable. */
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

    private Object attribute(String nodePath, String name) {
        Node node = node(nodePath);
        if (node == null) {
            return null;
        }
        try {
            Attribute attribute = node.getAttribute(name);
            return attribute == null ? null : attribute.getData();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Object data(String datasetPath) {
        try {
            return node(datasetPath) instanceof Dataset dataset ? dataset.getData() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Node node(String nodePath) {
        try {
            return nodePath.equals("/") ? hdf : hdf.getByPath(nodePath);
        } catch (RuntimeException e) {
            return null;
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
