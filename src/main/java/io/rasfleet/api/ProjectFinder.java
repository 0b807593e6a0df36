package io.rasfleet.api;

import io.rasfleet.project.ProjectException;
import io.rasfleet.project.RasProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HEC-RAS projects under some folders: every {@code .prj} that opens as a HEC-RAS project
 * (a GIS projection file, also {@code .prj}, does not), sorted by path. Folders that cannot be read
 * are passed over: one unreadable folder must not hide the projects beside it.
 */
final class ProjectFinder {

    private ProjectFinder() {
    }

    static List<RasProject> find(List<Path> roots, int depth) {
        List<RasProject> projects = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.find(root, depth,
                    (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().toLowerCase().endsWith(".prj"))) {
                files.sorted().forEach(prj -> open(prj, projects));
            } catch (IOException | java.io.UncheckedIOException e) {
                // a root we cannot walk lists nothing
            }
        }
        return projects;
    }

    private static void open(Path prj, List<RasProject> projects) {
        try {
            projects.add(RasProject.open(prj));
        } catch (ProjectException | java.io.UncheckedIOException e) {
            // not a HEC-RAS project file
        }
    }
}
