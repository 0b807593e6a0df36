package io.rasfleet.api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders under which projects may be run ({@code RASFLEET_PROJECT_ROOTS}, separated by the
 * platform's path separator). A path is judged by where it really is: {@code ..} is refused outright
 * and symbolic links are followed before the check.
 */
public final class ProjectRoots {

    private final List<Path> roots;

    public ProjectRoots(List<Path> roots) {
        this.roots = roots.stream().map(ProjectRoots::real).toList();
    }

    /** From the environment variable, or the system property {@code rasfleet.project.roots}, or {@code fallback}. */
    public static ProjectRoots configured(Path fallback) {
        String value = io.rasfleet.config.ServerConfig.projectRoots().orElse(null);
        List<Path> roots = new ArrayList<>();
        if (value != null) {
            for (String root : value.split(File.pathSeparator)) {
                if (!root.isBlank()) {
                    roots.add(Path.of(root.strip()));
                }
            }
        }
        if (roots.isEmpty()) {
            roots.add(fallback);
        }
        return new ProjectRoots(roots);
    }

    public List<Path> roots() {
        return roots;
    }

    /** The project path, real and checked; a 400 that says why otherwise. */
    public Path check(String project) {
        if (project == null || project.isBlank()) {
            throw ApiException.badRequest("project is required: the path of a .prj file or of its folder");
        }
        if (project.indexOf('\0') >= 0) {
            throw ApiException.badRequest("project contains a NUL character");
        }
        Path given = Path.of(project);
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw ApiException.badRequest("project '" + project + "' contains '..'; give the path without it");
            }
        }
        if (!given.isAbsolute()) {
            throw ApiException.badRequest("project '" + project + "' must be an absolute path");
        }
        if (!Files.exists(given)) {
            throw ApiException.badRequest("project '" + project + "' does not exist");
        }
        Path real = real(given);
        if (roots.stream().noneMatch(real::startsWith)) {
            throw ApiException.badRequest("project '" + project + "' is outside the allowed project roots"
                    + (real.equals(given.normalize()) ? "" : " (it leads to " + real + ")") + "; allowed: " + roots);
        }
        return real;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
