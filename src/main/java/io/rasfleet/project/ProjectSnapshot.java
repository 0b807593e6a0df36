package io.rasfleet.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a run's plans need, each with its size and SHA-256: what is sent to a worker once per
 * run, and what proves a worker's copy is the project as it was when the run was staged.
 */
public record ProjectSnapshot(Path folder, String projectName, List<Entry> entries) {

    /** One file, by its path relative to the project folder with {@code /} separators. */
    public record Entry(String path, long size, String sha256) {
    }

    public ProjectSnapshot {
        entries = List.copyOf(entries);
    }

    /** The union of the plans' files; refuses, naming them, files that are missing. */
    public static ProjectSnapshot of(RasProject project, List<PlanId> plans) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (PlanId plan : plans) {
            PlanFiles files = project.filesFor(plan);
            missing.addAll(files.missing().stream().filter(m -> !missing.contains(m)).toList());
            for (String file : files.files()) {
                entries.computeIfAbsent(file, f -> entry(project.folder(), f));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProjectException("missing from " + project.folder() + ": " + String.join(", ", missing));
        }
        return new ProjectSnapshot(project.folder(), project.name(), new ArrayList<>(entries.values()));
    }

    /**
     * Of a plan's files as the project lists them now, those this snapshot holds: a file that came
     * into the project after staging (a geometry HDF an earlier plan of the run brought home) is not
     * on the workers' copies, and a plan of the run computes on those.
     */
    public List<String> held(List<String> files) {
        java.util.Set<String> here = new java.util.HashSet<>();
        entries.forEach(entry -> here.add(entry.path()));
        return files.stream().filter(here::contains).toList();
    }

    public long totalBytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    static Entry entry(Path folder, String relative) {
        Path file = folder.resolve(relative);
        try {
            return new Entry(relative, Files.size(file), sha256(file));
        } catch (IOException e) {
            throw new ProjectException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every regular file under {@code folder} (links not followed), by its relative path with
     * {@code /} separators, with its size and SHA-256: what a copy of a snapshot on this machine holds.
     * A folder that does not exist holds nothing.
     */
    public static Map<String, Entry> filesUnder(Path folder) throws IOException {
        Map<String, Entry> held = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return held;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            held.put(relative, new Entry(relative, Files.size(file), sha256(file)));
        }
        return held;
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of what {@code in} gives until its end, in lower-case hex; {@code in} is not closed. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
