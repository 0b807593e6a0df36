package io.rasfleet.worker;

import io.rasfleet.project.GeometryOutputs;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.HomeDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the geometry preprocessor's outputs an attempt made ({@code Name.gGG.hdf}, {@code Name.cGG})
 * into the project, so that the next run of the geometry need not preprocess it again
 * (ras-commander's {@code copy_geometry_outputs}), and only while the project's geometry is still
 * the one the run staged: the geometry text, its HDF and its preprocessor file as the snapshot
 * recorded them (size and SHA-256, or absent), or as this run itself brought them home. A
 * modeller's newer edit is never written over; the attempt's note says what was kept and why.
 *
 * <p>One per execution of a run: plans of the run that share a geometry all preprocess it, and the
 * first to succeed brings its outputs home; the others find them there, from this run, and leave
 * them (bringing them again would make the results of the plans already home older than their
 * geometry, so not current). The check and the renames of one geometry are done under one lock per
 * project file on this server, so two plans never race on it.
 */
public final class GeometryHome {

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** What this run brought home, by project file: its SHA-256. */
    private final Map<Path, String> brought = new ConcurrentHashMap<>();

    /**
     * Brings home what {@code fetched} holds of the geometry preprocessor's outputs that differs from
     * the snapshot, each file atomically and only while {@code owner} allows. Returns the note for the
     * attempt (what came home, or why not), empty when the attempt made no geometry outputs.
     *
     * @throws HomeDelivery.Refused when {@code owner} refused a rename: the attempt is no longer the caller's
     */
    public Optional<String> bringHome(FetchedAttempt fetched, ProjectSnapshot snapshot, HomeDelivery.Guard owner)
            throws HomeDelivery.Refused {
        PlanTask task = fetched.task();
        Path project = snapshot.folder();
        try {
            Map<String, Made> made = new LinkedHashMap<>();
            for (String name : task.geometryOutputs()) {
                Path local = fetched.geometryOutputs().get(name);
                if (local == null || !Files.isRegularFile(local)) {
                    continue;
                }
                String sha256 = ProjectSnapshot.sha256(local);
                ProjectSnapshot.Entry staged = staged(snapshot, name);
                if (staged == null || !staged.sha256().equals(sha256)) {
                    made.put(name, new Made(local, sha256));
                }
            }
            if (made.isEmpty()) {
                return Optional.empty();
            }
            String geometry = GeometryOutputs.geometryFile(task.projectName(), task.plan());
            synchronized (LOCKS.computeIfAbsent(project.resolve(geometry).toAbsolutePath().normalize(), p -> new Object())) {
                return Optional.of(deliver(made, geometry, snapshot, owner));
            }
        } catch (HomeDelivery.Refused e) {
            throw e;
        } catch (IOException e) {
            return Optional.of("the geometry preprocessor's outputs were not brought home into " + project + ": " + e.getMessage());
        }
    }

    private String deliver(Map<String, Made> made, String geometry, ProjectSnapshot snapshot, HomeDelivery.Guard owner)
            throws IOException {
        String outputs = String.join(", ", made.keySet());
        Path project = snapshot.folder();
        if (!asStaged(project, geometry, snapshot)) {
            return "the geometry preprocessor's outputs (" + outputs + ") were not brought home: " + geometry
                    + " changed in the project since the run staged it, and a newer edit is never written over";
        }
        List<String> toBring = new ArrayList<>();
        for (String name : made.keySet()) {
            Path target = project.resolve(name);
            if (asStaged(project, name, snapshot)) {
                toBring.add(name);
            } else if (!Optional.ofNullable(brought.get(target)).equals(sha256(target))) {
                return "the geometry preprocessor's outputs (" + outputs + ") were not brought home: " + name
                        + " changed in the project since the run staged it, and a newer edit is never written over";
            }
        }
        if (toBring.isEmpty()) {
            return "the geometry preprocessor's outputs (" + outputs + ") are in the project already: another plan of this run"
                    + " brought them home";
        }
        for (String name : toBring) {
            Path target = project.resolve(name);
            HomeDelivery.deliver(made.get(name).local(), target, owner);
            brought.put(target, made.get(name).sha256());
        }
        return "the geometry preprocessor's outputs " + String.join(", ", toBring) + " were brought home";
    }

    /** Whether the project's {@code name} is as the snapshot recorded it: the same size and SHA-256, or absent in both. */
    private static boolean asStaged(Path project, String name, ProjectSnapshot snapshot) throws IOException {
        ProjectSnapshot.Entry staged = staged(snapshot, name);
        Path file = project.resolve(name);
        if (!Files.isRegularFile(file)) {
            return staged == null;
        }
        return staged != null && Files.size(file) == staged.size() && staged.sha256().equals(ProjectSnapshot.sha256(file));
    }

    private static Optional<String> sha256(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(ProjectSnapshot.sha256(file)) : Optional.empty();
    }

    private static ProjectSnapshot.Entry staged(ProjectSnapshot snapshot, String name) {
        return snapshot.entries().stream().filter(e -> e.path().equals(name)).findFirst().orElse(null);
    }

    private record Made(Path local, String sha256) {
    }
}
