package io.rasfleet.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/** Copies named files between folders on this machine, keeping their relative paths and times. */
public final class LocalStaging {

    private LocalStaging() {
    }

    /**
     * Copies each relative path of {@code files} from {@code from} to {@code to}. A relative path
     * that would leave either folder is refused: paths come from project files users wrote.
     */
    public static void copy(Path from, Path to, Collection<String> files) throws IOException {
        Path source = from.toAbsolutePath().normalize();
        Path target = to.toAbsolutePath().normalize();
        for (String relative : files) {
            Path in = source.resolve(relative).normalize();
            Path out = target.resolve(relative).normalize();
            if (!in.startsWith(source) || !out.startsWith(target)) {
                throw new IOException("refusing to copy '" + relative + "': it leaves " + source);
            }
            Files.createDirectories(out.getParent());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /**
     * {@link #copy}, except that each file {@code shared} accepts becomes a hard link to its source
     * (no bytes copied) where the file system allows, else a copy. Returns how many were linked.
     * Only for files nothing writes while either name is in use: a write through one name is seen
     * through the other.
     */
    public static int stage(Path from, Path to, Collection<String> files, java.util.function.Predicate<String> shared)
            throws IOException {
        Path source = from.toAbsolutePath().normalize();
        Path target = to.toAbsolutePath().normalize();
        int linked = 0;
        java.util.List<String> copied = new java.util.ArrayList<>();
        for (String relative : files) {
            Path in = source.resolve(relative).normalize();
            Path out = target.resolve(relative).normalize();
            if (!in.startsWith(source) || !out.startsWith(target)) {
                throw new IOException("refusing to copy '" + relative + "': it leaves " + source);
            }
            if (shared.test(relative) && link(in, out)) {
                linked++;
            } else {
                copied.add(relative);
            }
        }
        copy(from, to, copied);
        return linked;
    }

    private static boolean link(Path in, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        try {
            Files.createLink(out, in);
            return true;
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            // another volume, or a file system without hard links (FAT, some network shares): copy instead
            return false;
        }
    }

    /** {@link #deleteTree}, saying in the log what could not be removed instead of failing; null is no folder. */
    public static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            deleteTree(folder);
        } catch (IOException e) {
            System.getLogger(LocalStaging.class.getName()).log(System.Logger.Level.WARNING, "could not remove " + folder, e);
        }
    }

    /** Deletes a folder and everything in it; a folder that is gone already is fine. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
