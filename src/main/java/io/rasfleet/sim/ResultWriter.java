package io.rasfleet.sim;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a {@link SimResult} in HEC-RAS's results layout. The file is first written beside its
 * target and then moved over it, so a reader never sees half a file.
 *
 * <p>jhdf 0.13.0 writes a corrupt file when a group without children and a dataset are in the
 * same file (its reader then fails on the group's siblings). HEC-RAS keeps some groups for their
 * attributes only, so each of those gets one small {@value #MARK} dataset naming the writer.
 */
final class ResultWriter {

    static final String MARK = "Written By";
    private static final String SERIES = "Output/Output Blocks/Base Output/Unsteady Time Series";

    private ResultWriter() {
    }

    static void write(SimResult result, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (WritableHdfFile hdf = HdfFile.write(partial)) {
            hdf.putAttribute("File Type", "HEC-RAS Results");
            hdf.putAttribute("File Version", result.fileVersion());
            hdf.putAttribute("Units System", result.unitsSystem());
            hdf.putAttribute("Projection", "");
            WritableGroup planData = hdf.putGroup("Plan Data");
            attributes(planData.putGroup("Plan Information"), result.planInformation(), result.fileVersion());
            attributes(planData.putGroup("rasfleet stand-in"), result.standInSettings(), result.fileVersion());
            if (result.computeMessages() != null) {
                writeResults(hdf.putGroup("Results"), result);
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeResults(WritableGroup results, SimResult result) {
        results.putGroup("Summary").putDataset("Compute Messages (text)", new String[] {result.computeMessages()});
        WritableGroup kind = results.putGroup(result.unsteady() ? "Unsteady" : "Steady");
        WritableGroup summary = kind.putGroup("Summary");
        put(summary, "Solution", result.solution());
        put(summary, "Run Time Window", result.runTimeWindow());
        put(summary, "Computation Time Total", result.computationTime());
        if (result.maximumWselError() != null) {
            summary.putAttribute("Maximum WSEL Error", result.maximumWselError().floatValue());
        }
        if (result.maximumCores() != null) {
            summary.putAttribute("Maximum number of cores", result.maximumCores().intValue());
        }
        put(summary, "Time Solution Went Unstable", result.timeSolutionWentUnstable());
        SimResult.VolumeAccounting volume = result.volume();
        if (volume == null) {
            mark(summary, result.fileVersion());
        } else {
            WritableGroup va = summary.putGroup("Volume Accounting");
            va.putAttribute("Vol Accounting in", "Acre Feet");
            va.putAttribute("Error", volume.error());
            va.putAttribute("Error Percent", volume.errorPercent());
            va.putAttribute("Volume Starting", volume.starting());
            va.putAttribute("Volume Ending", volume.ending());
            va.putAttribute("Total Boundary Flux of Water In", volume.inflow());
            va.putAttribute("Total Boundary Flux of Water Out", volume.outflow());
            mark(va, result.fileVersion());
        }
        SimResult.Series series = result.series();
        if (series != null && !series.crossSections().isEmpty()) {
            kind.putGroup("Geometry Info").putDataset("Cross Section Only", series.crossSections().toArray(new String[0]));
            WritableGroup block = group(kind, result.unsteady() ? SERIES
                    : "Output/Output Blocks/Base Output/Steady Profiles");
            if (result.unsteady()) {
                block.putDataset("Time", series.days());
                block.putDataset("Time Date Stamp", series.stamps());
            } else {
                block.putDataset("Profile Names", series.stamps());
            }
            WritableGroup sections = block.putGroup("Cross Sections");
            sections.putDataset("Water Surface", series.waterSurface());
            sections.putDataset("Flow", series.flow());
        }
    }

    private static WritableGroup group(WritableGroup parent, String path) {
        WritableGroup group = parent;
        for (String name : path.split("/")) {
            group = group.putGroup(name);
        }
        return group;
    }

    private static void attributes(WritableGroup group, Map<String, String> values, String writer) {
        values.forEach((name, value) -> put(group, name, value));
        mark(group, writer);
    }

    private static void mark(WritableGroup group, String writer) {
        group.putDataset(MARK, new String[] {writer});
    }

    private static void put(WritableGroup group, String name, String value) {
        if (value != null) {
            group.putAttribute(name, value);
        }
    }
}
