package io.rasfleet.worker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What names one attempt's leftovers on a worker (folders, containers, processes): the server
 * that ran it, the run, and the attempt's folder name ({@code p01-a2}). Clean-up by one server
 * never touches what another server's attempts left while their leases run, nor what its own
 * live attempts are doing ({@link Worker#endAbandoned}).
 *
 * <p>The epoch is not in the name: every start on a plan, a takeover's included, counts a new
 * attempt number (and a new epoch) in the database, and a takeover is started by the taking
 * server under its own name, so {@code server/run/pNN-aK} already names exactly one attempt.
 *
 * <p>A reference with no folder ({@link #wholeRun}) names what a run's session left that belongs
 * to no single attempt (a Docker worker's staging containers, a process working in the run's
 * snapshot folder).
 */
public record AttemptRef(String server, long runId, String folderName) {

    private static final String WHOLE_RUN = "";
    /** {@code run-7}, then optionally the attempt's folder {@code p01-a2} and anything below it. */
    private static final Pattern RELATIVE = Pattern.compile("run-(\\d{1,18})(?:[/\\\\](p\\d{2}-a\\d{1,9})(?:[/\\\\].*)?|[/\\\\].*)?");

    public AttemptRef {
        server = ServerName.safe(server);
    }

    /** The attempt's folder name, {@code p01-a2}: the plan and the attempt's number, unique within a run. */
    public static String folderName(io.rasfleet.project.PlanId plan, int attempt) {
        return plan.extension() + "-a" + attempt;
    }

    /** What a run's session left on a worker that belongs to no single attempt. */
    public static AttemptRef wholeRun(String server, long runId) {
        return new AttemptRef(server, runId, WHOLE_RUN);
    }

    /**
     * The attempt (or run) that a path below server {@code server}'s folder belongs to:
     * {@code run-7/p01-a2/...} is attempt {@code p01-a2} of run 7, {@code run-7/snapshot} is run 7's
     * own; empty for anything else, which no clean-up may then touch. Either separator is read.
     */
    public static Optional<AttemptRef> under(String server, String relativePath) {
        Matcher m = RELATIVE.matcher(relativePath);
        if (!m.matches()) {
            return Optional.empty();
        }
        long runId = Long.parseLong(m.group(1));
        return Optional.of(m.group(2) == null ? wholeRun(server, runId) : new AttemptRef(server, runId, m.group(2)));
    }

    /** The attempt (or run) a {@link #label()} names; empty when it is not one. */
    public static Optional<AttemptRef> ofLabel(String label) {
        int slash = label == null ? -1 : label.indexOf('/');
        return slash <= 0 ? Optional.empty() : under(label.substring(0, slash), label.substring(slash + 1));
    }

    public boolean isWholeRun() {
        return folderName.equals(WHOLE_RUN);
    }

    /**
     * Whether {@code work} is this live attempt's, so that clean-up must spare it: the attempt's own
     * work, or its run's session work (a live attempt may be staging its run's snapshot).
     */
    public boolean covers(AttemptRef work) {
        return server.equals(work.server) && runId == work.runId && (work.isWholeRun() || folderName.equals(work.folderName));
    }

    /** {@code server/run-7/p01-a2} ({@code server/run-7} for a whole run): what a process's environment and a container's label say it belongs to. */
    public String label() {
        return server + "/run-" + runId + (isWholeRun() ? "" : "/" + folderName);
    }
}
