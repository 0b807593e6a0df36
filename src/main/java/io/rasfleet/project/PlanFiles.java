package io.rasfleet.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files one plan needs, relative to the project folder with {@code /} separators: project,
 * plan, geometry (with its HDF and preprocessor file when present), flow file (with its HDF), the
 * RAS Mapper file and the spatial inputs it names inside the project, and DSS files. Other plans'
 * results, logs and backups are never part of it, so a staged copy stays small.
 *
 * @param missing        required files that do not exist, by name
 * @param outsideProject referenced files that lie outside the project folder (a worker must reach
 *                       them some other way, or the run must say why it cannot)
 * @param dssOutput      the plan's DSS output ({@code DSS File=} of the plan, {@code Name.dss} by
 *                       default) when no flow file reads it: HEC-RAS writes it as it computes, so it
 *                       is among the files but no input
 */
public record PlanFiles(Path folder, List<String> files, List<String> missing, List<String> outsideProject,
        List<String> dssOutput) {

    public PlanFiles {
        files = List.copyOf(files);
        dssOutput = List.copyOf(dssOutput);
        missing = List.copyOf(missing);
        outsideProject = List.copyOf(outsideProject);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** Throws, naming every missing file, unless all required files exist. */
    public PlanFiles requireComplete() {
        if (!missing.isEmpty()) {
            throw new ProjectException("missing from " + folder + ": " + String.join(", ", missing));
        }
        return this;
    }

    static PlanFiles of(RasProject project, Plan plan) {
        Collector c = new Collector(project.folder());
        c.required(project.projectFile());
        c.required(plan.planFile());
        KeyedTextFile planText = KeyedTextFile.read(plan.planFile());
        if (plan.geometry() == null) {
            c.missing.add(plan.planFile().getFileName() + " names no geometry (Geom File=)");
        } else {
            c.required(project.file(plan.geometry()));
            c.optional(project.file(plan.geometry() + ".hdf"));
            c.optional(project.file("c" + plan.geometryDigits()));
            // the Linux engine's inputs from a Windows preprocessing run, when the project has them
            for (String name : ComputeInputs.of(project.name(), plan).names()) {
                c.optional(project.folder().resolve(name));
            }
        }
        Path flowFile = null;
        if (plan.flow() == null) {
            c.missing.add(plan.planFile().getFileName() + " names no flow file (Flow File=)");
        } else {
            flowFile = project.file(plan.flow());
            c.required(flowFile);
            c.optional(project.file(plan.flow() + ".hdf"));
        }
        if (planText.trimmed("Use Restart").map(v -> v.equals("-1") || v.equals("1")).orElse(false)) {
            planText.trimmed("Restart Filename").ifPresent(name -> c.required(c.resolve(name)));
        }
        Path rasmap = project.file("rasmap");
        if (c.optional(rasmap)) {
            for (String name : RasMapFile.inputFilenames(rasmap)) {
                c.spatialInput(name);
            }
        }
        for (String dss : project.dssFiles()) {
            c.dss(project, dss, false);
        }
        Set<String> written = new LinkedHashSet<>();
        for (String dss : planText.values("DSS File")) {
            c.dss(project, dss, false).ifPresent(written::add);
        }
        if (flowFile != null && Files.isRegularFile(flowFile)) {
            for (String dss : KeyedTextFile.read(flowFile).values("DSS File")) {
                c.dss(project, dss, true).ifPresent(written::remove);
            }
        }
        return new PlanFiles(project.folder(), new ArrayList<>(c.files), c.missing, new ArrayList<>(c.outside),
                new ArrayList<>(written));
    }

    /** Gathers paths relative to the project folder, each once, in a stable order. */
    private static final class Collector {
        final Path folder;
        final Set<String> files = new LinkedHashSet<>();
        final List<String> missing = new ArrayList<>();
        final Set<String> outside = new LinkedHashSet<>();

        Collector(Path folder) {
            this.folder = folder;
        }

        void required(Path file) {
            if (!add(file)) {
                missing.add(folder.relativize(file).toString().replace('\\', '/'));
            }
        }

        boolean optional(Path file) {
            return add(file);
        }

        private boolean add(Path file) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            files.add(folder.relativize(file).toString().replace('\\', '/'));
            return true;
        }

        /** A name as HEC-RAS writes it: relative with backslashes, or absolute (perhaps a Windows path). */
        Path resolve(String name) {
            String portable = name.strip().replace('\\', '/');
            if (portable.startsWith("./")) {
                portable = portable.substring(2);
            }
            if (isAbsoluteAnywhere(portable)) {
                return Path.of(portable).isAbsolute() ? Path.of(portable).normalize() : null;
            }
            return folder.resolve(portable).normalize();
        }

        /** Terrain and land cover HDFs come with sibling rasters named after them ({@code Terrain.*.tif}). */
        void spatialInput(String name) {
            Path file = resolve(name);
            if (file == null || !file.startsWith(folder)) {
                outside.add(name.strip());
                return;
            }
            if (!add(file)) {
                missing.add(folder.relativize(file).toString().replace('\\', '/'));
                return;
            }
            String fileName = file.getFileName().toString();
            int dot = fileName.lastIndexOf('.');
            if (dot <= 0 || !fileName.toLowerCase(Locale.ROOT).endsWith(".hdf")) {
                return;
            }
            String stem = fileName.substring(0, dot) + ".";
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                siblings.filter(p -> p.getFileName().toString().startsWith(stem))
                        .sorted()
                        .forEach(this::add);
            } catch (IOException e) {
                throw new ProjectException("cannot list " + file.getParent() + ": " + e.getMessage(), e);
            }
        }

        /**
         * {@code dss} alone means the project's own {@code Name.dss}; an input DSS that is absent is
         * missing. Returns the file's name in the project, when it lies inside.
         */
        Optional<String> dss(RasProject project, String value, boolean input) {
            String name = value.strip();
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Path file = name.equalsIgnoreCase("dss") ? project.file("dss") : resolve(name);
            if (file == null || !file.startsWith(folder)) {
                outside.add(name);
                return Optional.empty();
            }
            String relative = folder.relativize(file).toString().replace('\\', '/');
            if (!add(file) && input) {
                missing.add(relative);
            }
            return Optional.of(relative);
        }

        private static boolean isAbsoluteAnywhere(String portable) {
            return portable.startsWith("/") || portable.startsWith("//")
                    || (portable.length() > 1 && portable.charAt(1) == ':');
        }
    }

    @Override
    public String toString() {
        return files.stream().collect(Collectors.joining(", ", "PlanFiles[", "]"))
                + (missing.isEmpty() ? "" : " missing " + missing)
                + (outsideProject.isEmpty() ? "" : " outside " + outsideProject);
    }
}
