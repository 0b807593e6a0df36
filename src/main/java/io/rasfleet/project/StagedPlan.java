package io.rasfleet.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's files copied into a working folder of their own, where the edits a run needs are made.
 * The source project is never edited: a staged folder that is the project folder is refused.
 */
public final class StagedPlan {

    /** The keys that set how many cores HEC-RAS uses; 7.x may write one of them twice. */
    public static final List<String> CORE_KEYS = List.of("UNET D1 Cores", "UNET D2 Cores", "PS Cores");

    private final Path folder;
    private final String projectName;
    private final Plan plan;

    private StagedPlan(Path folder, String projectName, Plan plan) {
        this.folder = folder;
        this.projectName = projectName;
        this.plan = plan;
    }

    /**
     * Copies the plan's files (see {@link PlanFiles}) into {@code folder}, creating it. Refuses a
     * plan whose required files are missing, naming them.
     */
    public static StagedPlan copy(RasProject project, PlanId id, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        if (target.equals(project.folder())) {
            throw new ProjectException("refusing to stage plan " + id + " into the project folder itself ("
                    + target + "): edits are made on a copy only");
        }
        PlanFiles files = project.filesFor(id).requireComplete();
        try {
            for (String relative : files.files()) {
                Path to = target.resolve(relative);
                Files.createDirectories(to.getParent());
                Files.copy(project.folder().resolve(relative), to, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new ProjectException("cannot stage plan " + id + " of " + project.name() + " into " + target
                    + ": " + e.getMessage(), e);
        }
        return at(target, project.name(), project.plan(id));
    }

    /**
     * A plan already copied into {@code folder} by other means (a worker's snapshot). {@code plan} was
     * read from the source project, so a folder that is the plan's own folder is the source: refused.
     */
    public static StagedPlan at(Path folder, String projectName, Plan plan) {
        Path target = folder.toAbsolutePath().normalize();
        if (target.equals(plan.planFile().toAbsolutePath().normalize().getParent())) {
            throw new ProjectException("refusing to edit plan " + plan.id() + " in its source project folder ("
                    + target + "): edits are made on a staged copy only");
        }
        return new StagedPlan(target, projectName, plan);
    }

    public Path folder() {
        return folder;
    }

    public Plan plan() {
        return plan;
    }

    public Path projectFile() {
        return file("prj");
    }

    public Path planFile() {
        return file(plan.id().extension());
    }

    /** A file of the staged project by extension, such as {@code p01.hdf}. */
    public Path file(String extension) {
        return folder.resolve(projectName + "." + extension);
    }

    /** Sets every cores key of the plan to {@code cores} (0 = all cores), adding the keys that are absent. */
    public StagedPlan setCores(int cores) {
        if (cores < 0) {
            throw new ProjectException("cores must be 0 (all) or more, not " + cores);
        }
        KeyedTextFile text = KeyedTextFile.read(planFile());
        for (String key : CORE_KEYS) {
            text.setAll(key, " " + cores, "UNET");
        }
        text.save();
        return this;
    }

    /** {@code Write Detailed= 1}: HEC-RAS then writes the detailed log whose progress can be followed. */
    public StagedPlan writeDetailed() {
        KeyedTextFile text = KeyedTextFile.read(planFile());
        text.setAll("Write Detailed", " 1", "UNET");
        text.save();
        return this;
    }

    /** Deletes the geometry preprocessor file so that HEC-RAS preprocesses the geometry again. */
    public StagedPlan clearGeometryPreprocessor() {
        if (plan.geometryDigits() != null) {
            delete(List.of(file("c" + plan.geometryDigits())));
        }
        return this;
    }

    /**
     * Deletes the geometry HDF as well as the preprocessor file (ras-commander's {@code force_geompre}):
     * HEC-RAS then rebuilds the geometry's preprocessed tables from the geometry text alone.
     */
    public StagedPlan forceGeometryPreprocessor() {
        clearGeometryPreprocessor();
        if (plan.geometryDigits() != null) {
            delete(List.of(file("g" + plan.geometryDigits() + ".hdf")));
        }
        return this;
    }

    /**
     * Deletes whatever an earlier run of this plan left in the staged folder, so that only this
     * run can produce a result file: a stale result made failed runs look successful elsewhere.
     */
    public StagedPlan removeStaleResults() {
        String p = plan.id().extension();
        List<Path> stale = new ArrayList<>();
        stale.add(file(p + ".hdf"));
        stale.add(file(p + ".tmp.hdf"));
        stale.add(file(p + ".computeMsgs.txt"));
        stale.add(file(p + ".comp_msgs.txt"));
        stale.add(file("bco" + plan.id().digits()));
        delete(stale);
        return this;
    }

    private void delete(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ProjectException("cannot delete " + file + " in the staged folder: " + e.getMessage(), e);
            }
        }
    }
}
