package io.rasfleet.testing;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;

/** The smallest unsteady results file a verdict reads, as jhdf writes it (the stand-in writes the same way). */
public final class UnsteadyResults {

    private UnsteadyResults() {
    }

    /** Writes {@code file} with the compute messages and, unless null, a {@code Solution}. */
    public static Path write(Path file, String solution, String messages) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("File Type", "HEC-RAS Results");
            WritableGroup results = hdf.putGroup("Results");
            results.putGroup("Summary").putDataset("Compute Messages (text)", new String[] {messages});
            WritableGroup summary = results.putGroup("Unsteady").putGroup("Summary");
            if (solution != null) {
                summary.putAttribute("Solution", solution);
            }
            summary.putDataset("Written By", new String[] {"test"});
        }
        return file;
    }
}
