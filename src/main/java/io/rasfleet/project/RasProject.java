package io.rasfleet.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A HEC-RAS project on disk: its {@code .prj} and the plans it lists. Reading never changes a
 * file; edits happen only on a {@link StagedPlan}.
 */
public final class RasProject {

    private static final String PROJECT_MARK = "Proj Title=";

    private final Path projectFile;
    private final KeyedTextFile text;

    private RasProject(Path projectFile) {
        this.projectFile = projectFile;
        this.text = KeyedTextFile.read(projectFile);
    }

    /**
     * Opens a project from its {@code .prj} or from its folder. In a folder, the project file is
     * the one {@code .prj} whose first line is {@code Proj Title=}; ESRI projection files beside
     * it are not project files.
     */
    public static RasProject open(Path folderOrPrj) {
        Path given = folderOrPrj.toAbsolutePath().normalize();
        if (Files.isDirectory(given)) {
            return new RasProject(findProjectFile(given));
        }
        if (!Files.isRegularFile(given)) {
            throw new ProjectException("no HEC-RAS project at " + given + ": neither a folder nor a .prj file");
        }
        if (!given.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prj")) {
            throw new ProjectException(given + " is not a HEC-RAS project file: expected a .prj or its folder");
        }
        if (!isProjectFile(given)) {
            throw new ProjectException(given + " is not a HEC-RAS project file: its first line is not "
                    + PROJECT_MARK + " (an ESRI projection .prj?)");
        }
        return new RasProject(given);
    }

    private static Path findProjectFile(Path folder) {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prj"))
                    .filter(Files::isRegularFile)
                    .filter(RasProject::isProjectFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new ProjectException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (candidates.isEmpty()) {
            throw new ProjectException("no HEC-RAS project file in " + folder
                    + ": no .prj there starts with " + PROJECT_MARK);
        }
        if (candidates.size() > 1) {
            throw new ProjectException("several HEC-RAS project files in " + folder + ": "
                    + candidates.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                    + "; name the .prj to use");
        }
        return candidates.get(0);
    }

    static boolean isProjectFile(Path prj) {
        byte[] head = new byte[PROJECT_MARK.length() + 3];
        try (InputStream in = Files.newInputStream(prj)) {
            int n = in.readNBytes(head, 0, head.length);
            String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            if (start.startsWith("\uFEFF") || start.startsWith("\u00EF\u00BB\u00BF")) {
                start = start.substring(start.startsWith("\uFEFF") ? 1 : 3);
            }
            return start.startsWith(PROJECT_MARK);
        } catch (IOException e) {
            return false;
        }
    }

    public Path projectFile() {
        return projectFile;
    }

    public Path folder() {
        return projectFile.getParent();
    }

    /** The project's name: the {@code .prj} file name without its extension. */
    public String name() {
        String file = projectFile.getFileName().toString();
        return file.substring(0, file.length() - 4);
    }

    public String title() {
        return text.trimmed("Proj Title").orElse(name());
    }

    public boolean siUnits() {
        return text.hasBareLine("SI Units");
    }

    /** The project's own {@code DSS File=} entries. */
    public List<String> dssFiles() {
        return text.values("DSS File").stream().map(String::strip).filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
    }

    /** A file of this project by extension, such as {@code p01} or {@code g05.hdf}. */
    public Path file(String extension) {
        return folder().resolve(name() + "." + extension);
    }

    /** The plans the project lists ({@code Plan File=}), in the project's order. */
    public List<PlanId> planIds() {
        Set<PlanId> ids = new LinkedHashSet<>();
        for (String value : text.values("Plan File")) {
            String ref = value.strip();
            if (ref.length() == 3 && Character.toLowerCase(ref.charAt(0)) == 'p') {
                try {
                    ids.add(PlanId.parse(ref));
                } catch (ProjectException e) {
                    throw new ProjectException(projectFile.getFileName() + " lists 'Plan File=" + ref
                            + "', which is not a plan reference such as p01");
                }
            }
        }
        return new ArrayList<>(ids);
    }

    /** Every listed plan, read from its plan file. A listed plan whose file is missing is an error. */
    public List<Plan> plans() {
        return planIds().stream().map(this::plan).collect(Collectors.toList());
    }

    /** One plan; unknown ids are refused with the list of plans the project has. */
    public Plan plan(PlanId id) {
        if (!planIds().contains(id)) {
            throw new ProjectException("project " + name() + " has no plan " + id + "; its plans are "
                    + planIds().stream().map(PlanId::digits).collect(Collectors.joining(", ")));
        }
        Path planFile = file(id.extension());
        if (!Files.isRegularFile(planFile)) {
            throw new ProjectException("plan file " + planFile.getFileName() + " is missing from " + folder());
        }
        KeyedTextFile plan = KeyedTextFile.read(planFile);
        String flow = plan.trimmed("Flow File").orElse(null);
        Path result = file(id.extension() + ".hdf");
        return new Plan(id,
                plan.trimmed("Plan Title").orElse(null),
                plan.trimmed("Short Identifier").orElse(null),
                plan.trimmed("Program Version").orElse(null),
                planFile,
                plan.trimmed("Geom File").orElse(null),
                flow,
                FlowKind.ofReference(flow),
                SimulationWindow.parse(plan.value("Simulation Date").orElse(null)),
                result,
                lastModified(result).orElse(null));
    }

    /** The files a plan needs to run, and what is missing or out of reach among them. */
    public PlanFiles filesFor(PlanId id) {
        return PlanFiles.of(this, plan(id));
    }

    static Optional<Instant> lastModified(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.getLastModifiedTime(file).toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return projectFile.toString();
    }
}
