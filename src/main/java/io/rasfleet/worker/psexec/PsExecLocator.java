package io.rasfleet.worker.psexec;

import static io.rasfleet.log.RasfleetLogger.LOG;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds PsExec on the app server: the configured {@code psexec_path}, then PATH, {@code ~/PSTools},
 * {@code C:\PSTools}, {@code C:\Tools\PSTools}. A download is made only from the URL the operator
 * configured ({@code -Drasfleet.psexec.url}) and kept only when its SHA-256 is the configured one
 * ({@code -Drasfleet.psexec.sha256}).
 */
final class PsExecLocator {

    static final List<String> NAMES = List.of("PsExec64.exe", "PsExec.exe", "psexec");

    private PsExecLocator() {
    }

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Where PsExec is, or empty with the places looked at in {@code looked}. */
    static Optional<Path> find(String configured, List<String> looked) {
        if (configured != null) {
            Path path = Path.of(configured);
            looked.add(configured);
            return Files.isRegularFile(path) && (windows() || Files.isExecutable(path)) ? Optional.of(path) : Optional.empty();
        }
        if (!windows()) {
            // PsExec is a Windows program: on another app server only a configured psexec_path can stand in for it
            looked.add("(not Windows: only psexec_path is used)");
            return Optional.empty();
        }
        List<Path> folders = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                folders.add(Path.of(entry));
            }
        }
        folders.add(Path.of(System.getProperty("user.home"), "PSTools"));
        folders.add(Path.of("C:\\PSTools"));
        folders.add(Path.of("C:\\Tools\\PSTools"));
        downloaded().ifPresent(p -> folders.add(p.getParent()));
        for (Path folder : folders) {
            for (String name : NAMES) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            looked.add(folder.toString());
        }
        return Optional.empty();
    }

    /** The checked download, when the operator configured one and it has been made. */
    private static Optional<Path> downloaded() {
        Optional<io.rasfleet.config.ServerConfig.Download> configured = io.rasfleet.config.ServerConfig.psexecDownload();
        if (configured.isEmpty() || configured.get().sha256() == null) {
            return Optional.empty();
        }
        String url = configured.get().url();
        String sha256 = configured.get().sha256();
        Path target = io.rasfleet.config.ServerConfig.dataFolder().resolve("tools").resolve("PsExec64.exe");
        try {
            if (!Files.isRegularFile(target)) {
                download(URI.create(url), sha256, target);
            }
            return Optional.of(target);
        } catch (IOException e) {
            LOG.psexecDownloadFailed(e);
            return Optional.empty();
        }
    }

    /** Downloads {@code url} to {@code target} and keeps it only when its SHA-256 is {@code sha256}. */
    static void download(URI url, String sha256, Path target) throws IOException {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"file".equalsIgnoreCase(url.getScheme())) {
            throw new IOException("PsExec is downloaded over https only, not from " + url);
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".rasfleet-partial");
        try {
            try (InputStream in = open(url)) {
                Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = io.rasfleet.project.ProjectSnapshot.sha256(partial);
            if (!actual.equalsIgnoreCase(sha256.strip())) {
                throw new IOException("the PsExec downloaded from " + url + " has SHA-256 " + actual + ", not the configured "
                        + sha256 + ": refused");
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static InputStream open(URI url) throws IOException {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            return Files.newInputStream(Path.of(url));
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("downloading PsExec from " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("downloading PsExec from " + url + " was interrupted", e);
        }
    }
}
