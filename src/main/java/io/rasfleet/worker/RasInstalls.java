package io.rasfleet.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds HEC-RAS on a worker by version, in install folders named after the version
 * ({@code C:\Program Files (x86)\HEC\HEC-RAS\6.6\Ras.exe}, {@code /opt/hecras/6.6/RasUnsteady}).
 * The version is the worker's {@code ras_version}, or else the one each plan's
 * {@code Program Version} names, so a worker with several versions installed runs every project on
 * the version it was built with. What was found is kept: installs do not move during a run, and a
 * remote listing costs a round trip.
 */
public final class RasInstalls {

    /** How a worker type lists one install root. */
    public interface Listing {

        /**
         * The names of the folders directly under {@code root} that hold the program; empty when
         * {@code root} does not exist.
         */
        List<String> versionFolders(String root) throws IOException, InterruptedException;
    }

    private final String worker;
    private final RasVersion configured;
    private final List<String> roots;
    private final Listing listing;
    private final String separator;
    private final String program;
    private final Map<RasVersion, String> found = new ConcurrentHashMap<>();

    /**
     * @param configured the worker's {@code ras_version}, or null to follow each plan's version
     * @param roots      the install roots, searched in this order
     * @param separator  the worker's path separator
     * @param program    the program inside a version folder, or empty when the folder itself is what runs
     */
    public RasInstalls(String worker, String configured, List<String> roots, Listing listing, String separator, String program) {
        this.worker = worker;
        this.configured = configured == null ? null : RasVersion.parse(configured);
        this.roots = List.copyOf(roots);
        this.listing = listing;
        this.separator = separator;
        this.program = program;
    }

    /**
     * The worker's own program ({@code configuredPath}) when it names one, else the one of the plan's
     * version found here.
     */
    public String programFor(String configuredPath, io.rasfleet.project.Plan plan) throws WorkerException {
        if (configuredPath != null) {
            return configuredPath;
        }
        try {
            return forPlan(plan.programVersion());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("worker " + worker + " was interrupted looking for HEC-RAS", e);
        }
    }

    /**
     * The program (or engine folder) that computes a plan whose file says {@code Program Version=planVersion}.
     *
     * @throws WorkerException naming the version and every folder looked in, when it is not installed
     */
    public String forPlan(String planVersion) throws WorkerException, InterruptedException {
        RasVersion wanted = configured;
        if (wanted == null) {
            wanted = RasVersion.read(planVersion).orElseThrow(() -> new WorkerException("worker " + worker + " names neither a"
                    + " HEC-RAS program nor ras_version, and the plan " + (planVersion == null ? "has no Program Version"
                    : "'s Program Version '" + planVersion + "' is no HEC-RAS version") + ": set ras_version or the program's path",
                    null));
        }
        String known = found.get(wanted);
        if (known != null) {
            return known;
        }
        Search search;
        try {
            search = search(wanted);
        } catch (IOException e) {
            throw new WorkerException("worker " + worker + " could not list its HEC-RAS install folders " + roots + ": "
                    + e.getMessage(), e);
        }
        if (search.path.isEmpty()) {
            throw new WorkerException("worker " + worker + ": HEC-RAS " + wanted + (configured == null ? " (the plan's Program"
                    + " Version " + planVersion + ")" : "") + " is not installed; looked in " + search.described(), null);
        }
        found.put(wanted, search.path.get());
        return search.path.get();
    }

    /** The check's line: which program the configured version is, or which versions plans may ask for. */
    public CheckReport.Item check() {
        try {
            if (configured != null) {
                Search search = search(configured);
                return new CheckReport.Item("ras_version", search.path.isPresent(), search.path
                        .map(path -> "HEC-RAS " + configured + " is " + path)
                        .orElse("HEC-RAS " + configured + " was not found; looked in " + search.described()));
            }
            Search all = search(null);
            boolean any = all.versions > 0;
            return new CheckReport.Item("ras_version", any, any
                    ? "each plan runs on the HEC-RAS version its Program Version names; installed: " + all.described()
                    : "no HEC-RAS installed; looked in " + all.described() + " (set ras_install_root, or the program's path)");
        } catch (IOException e) {
            return new CheckReport.Item("ras_version", false, "the install folders of worker " + worker + " could not be listed: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckReport.Item("ras_version", false, "listing the install folders was interrupted");
        }
    }

    private Search search(RasVersion wanted) throws IOException, InterruptedException {
        List<String> installed = new ArrayList<>();
        int versions = 0;
        for (String root : roots) {
            List<String> folders = listing.versionFolders(root);
            versions += folders.size();
            installed.add(root + (folders.isEmpty() ? " (no HEC-RAS there)" : " (" + String.join(", ", folders) + ")"));
            Optional<String> folder = wanted == null ? Optional.empty() : wanted.pick(folders);
            if (folder.isPresent()) {
                String path = join(root, folder.get());
                return new Search(Optional.of(program.isEmpty() ? path : join(path, program)), installed, versions);
            }
        }
        return new Search(Optional.empty(), installed, versions);
    }

    private String join(String folder, String name) {
        return folder.endsWith(separator) ? folder + name : folder + separator + name;
    }

    private record Search(Optional<String> path, List<String> installed, int versions) {

        String described() {
            return String.join("; ", installed);
        }
    }
}
