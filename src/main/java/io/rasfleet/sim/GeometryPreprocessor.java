package io.rasfleet.sim;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The stand-in's geometry preprocessor: what HEC-RAS writes when it preprocesses geometry GG, the
 * geometry HDF ({@code Name.gGG.hdf}, where HEC-RAS keeps the preprocessed tables) and the
 * preprocessor file ({@code Name.cGG}), each labelled as the stand-in's, through a temporary file
 * and a rename. Ras.exe preprocesses when either is missing (cleared, or never made); the Linux
 * engine's {@code RasGeomPreprocess} always does.
 */
final class GeometryPreprocessor {

    private GeometryPreprocessor() {
    }

    /** Whether Ras.exe would preprocess geometry {@code digits} in {@code call}'s folder: one of its outputs is missing. */
    static boolean needed(SimInvocation call, String digits) {
        return !Files.isRegularFile(call.file("c" + digits)) || !Files.isRegularFile(call.file("g" + digits + ".hdf"));
    }

    /** Writes geometry {@code digits}'s HDF and preprocessor file for {@code geometry}. */
    static void write(SimInvocation call, String digits, SimGeometry geometry, String version) throws IOException {
        Path hdf = call.file("g" + digits + ".hdf");
        Path partial = hdf.resolveSibling(hdf.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (WritableHdfFile file = HdfFile.write(partial)) {
            file.putAttribute("File Type", "HEC-RAS Geometry");
            file.putAttribute("File Version", version);
            if (geometry.title() != null) {
                file.putAttribute("Geometry Title", geometry.title());
            }
            file.putGroup("Geometry").putGroup("Cross Sections").putDataset("Labels",
                    geometry.crossSections().stream().map(SimGeometry.CrossSection::label).toArray(String[]::new));
            file.putDataset(ResultWriter.MARK, new String[] {version});
        }
        Files.move(partial, hdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path preprocessed = call.file("c" + digits);
        Path text = preprocessed.resolveSibling(preprocessed.getFileName() + ".partial");
        Files.writeString(text, version + " -- this is not HEC-RAS: geometry preprocessor output for "
                + call.projectName() + ".g" + digits + ", " + geometry.crossSections().size() + " cross sections\r\n",
                StandardCharsets.ISO_8859_1);
        Files.move(text, preprocessed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
