package io.rasfleet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the test resources' HEC-RAS projects and files, so that no test edits the originals. */
public final class SampleProjects {

    private SampleProjects() {
    }

    /** The Muncie sample project (five plans over HEC's Muncie g05 / u02, shipped in the WAR for the demo) copied into {@code parent/Muncie}. */
    public static Path muncie(Path parent) {
        return copyFolder("samples/Muncie", parent.resolve("Muncie"));
    }

    /**
     * Gives each plan of {@code project} the Linux engine's compute inputs, made the way rasfleet
     * makes them for {@code preprocess_on_host}: the stand-in run Windows style until it has
     * written them, in a staged copy, then copied into the project.
     */
    public static void addComputeInputs(io.rasfleet.project.RasProject project, Path scratch, String... plans) {
        Path ras = StandIn.rasLauncher(scratch.resolve("ras"));
        try {
            for (String plan : plans) {
                io.rasfleet.project.PlanId id = io.rasfleet.project.PlanId.parse(plan);
                io.rasfleet.project.StagedPlan staged = io.rasfleet.project.StagedPlan.copy(project, id,
                        scratch.resolve("pre-" + id.extension()));
                for (Path file : io.rasfleet.engine.ComputeInputsRun.make(ras, staged, project.name(),
                        java.time.Duration.ofMinutes(2), null)) {
                    Files.copy(file, project.folder().resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Muncie sample in {@code parent/Muncie}, ready for the Linux engine: {@code plans} get their
     * compute inputs (made in {@code scratch}) and compute for {@code seconds} on the stand-in.
     */
    public static Path muncieForLinux(Path parent, Path scratch, double seconds, String... plans) {
        Path folder = muncie(parent);
        addComputeInputs(io.rasfleet.project.RasProject.open(folder), scratch, plans);
        for (String plan : plans) {
            io.rasfleet.project.KeyedTextFile text = io.rasfleet.project.KeyedTextFile.read(
                    folder.resolve("Muncie." + io.rasfleet.project.PlanId.parse(plan).extension()));
            text.setAll("RASSIM Seconds", seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds), null);
            text.save();
        }
        return folder;
    }

    /** A file of {@code ras-samples} (real HEC-RAS output), copied into {@code folder}. */
    public static Path rasSample(String name, Path folder) {
        try (InputStream in = SampleProjects.class.getResourceAsStream("/ras-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource ras-samples/" + name);
            }
            Files.createDirectories(folder);
            Path target = folder.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names a project could hold (spaces, quotes, a subfolder), and some that try to be more than a name. */
    public static final java.util.List<String> ODD_NAMES = java.util.List.of("plain.p01", "with space.g01", "it's \"quoted\".txt",
            "$(touch pwned) `x`;|&.u01", "back\\slash.txt", "trailing space ", "sub dir/nested * file.b01", "sub dir/still/deeper.txt");

    /**
     * A snapshot of {@link #ODD_NAMES} in {@code parent/odd project}, each file holding its own name:
     * what a worker must receive and list back name for name.
     */
    public static io.rasfleet.project.ProjectSnapshot oddlyNamed(Path parent) {
        Path folder = parent.resolve("odd project");
        try {
            for (String name : ODD_NAMES) {
                Path file = folder.resolve(name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "content of " + name + "\n");
            }
            return new io.rasfleet.project.ProjectSnapshot(folder, "odd", java.util.List.copyOf(
                    io.rasfleet.project.ProjectSnapshot.filesUnder(folder).values()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyFolder(String resource, Path target) {
        URL url = SampleProjects.class.getResource("/" + resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
            Path source = Path.of(url.toURI());
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
