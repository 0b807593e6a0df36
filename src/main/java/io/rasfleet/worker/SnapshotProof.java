package io.rasfleet.worker;

import static io.rasfleet.log.RasfleetLogger.LOG;

import io.rasfleet.project.ProjectSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Proves a worker's copy of a run's snapshot before its first plan: every file of the manifest
 * there, with the size and SHA-256 taken when the run was staged, as the worker itself computes
 * them. A damaged copy is sent once more; a second damaged copy makes the worker unreachable for
 * the batch layer (a {@code WORKER_LOST} attempt, no plans until its check passes), because a
 * machine that damages what it receives cannot be trusted with results either.
 */
public final class SnapshotProof {


    /** How many differences a message names before it only counts the rest. */
    static final int NAMED = 5;

    private SnapshotProof() {
    }

    /**
     * The worker's session for the run with its snapshot proven: {@code worker.open(run)},
     * then {@link WorkerSession#snapshotHeld()} compared with the manifest. On a difference the copy
     * is sent again once; if that one differs too, the session is closed and a {@link WorkerException}
     * whose cause is a {@link WorkerUnreachableException} names the worker, the run and the differences.
     * Failures to open or to list are thrown as they are.
     */
    public static WorkerSession open(Worker worker, WorkerRun run) throws WorkerException {
        ProjectSnapshot snapshot = run.snapshot();
        long runId = run.runId();
        List<String> differences = List.of();
        for (int copy = 1; copy <= 2; copy++) {
            WorkerSession session = worker.open(run);
            try {
                differences = differences(snapshot, session.snapshotHeld());
            } catch (WorkerException | RuntimeException e) {
                session.close();
                throw e;
            }
            if (differences.isEmpty()) {
                return session;
            }
            LOG.snapshotDamaged(worker.spec().name(), runId, copy == 1 ? "sending it again" : "for the second time",
                    summary(differences));
            session.close();
        }
        String message = "worker " + worker.spec().name() + " received run " + runId + "'s project snapshot damaged twice: "
                + summary(differences);
        throw new WorkerException(message, new WorkerUnreachableException(message, null));
    }

    /**
     * What {@code held} lacks or holds otherwise than the manifest, one phrase per file, in the
     * manifest's order; empty when the copy is proven. Files beyond the manifest do not count: no
     * plan reads them.
     */
    public static List<String> differences(ProjectSnapshot snapshot, Map<String, ProjectSnapshot.Entry> held) {
        List<String> differences = new ArrayList<>();
        for (ProjectSnapshot.Entry sent : snapshot.entries()) {
            ProjectSnapshot.Entry there = held.get(sent.path());
            if (there == null) {
                differences.add(sent.path() + " is missing");
            } else if (there.size() != sent.size()) {
                differences.add(sent.path() + " has " + there.size() + " bytes instead of " + sent.size());
            } else if (!sent.sha256().equalsIgnoreCase(there.sha256())) {
                differences.add(sent.path() + " has another SHA-256 (" + abbreviated(there.sha256()) + " instead of "
                        + abbreviated(sent.sha256()) + ")");
            }
        }
        return differences;
    }

    /**
     * The SHA-256 of each manifest file the worker holds with another size or hash: content that
     * arrived damaged, or a cache entry it was built from that is damaged. Missing files are not
     * in it: a missing file says nothing of the content.
     */
    public static List<String> wrongContents(ProjectSnapshot snapshot, Map<String, ProjectSnapshot.Entry> held) {
        List<String> wrong = new ArrayList<>();
        for (ProjectSnapshot.Entry sent : snapshot.entries()) {
            ProjectSnapshot.Entry there = held.get(sent.path());
            if (there != null && (there.size() != sent.size() || !sent.sha256().equalsIgnoreCase(there.sha256()))) {
                wrong.add(sent.sha256().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return wrong;
    }

    private static String abbreviated(String sha256) {
        return sha256 == null || sha256.length() <= 12 ? String.valueOf(sha256) : sha256.substring(0, 12) + "...";
    }

    /** The first {@value #NAMED} differences, then how many more. */
    static String summary(List<String> differences) {
        String named = String.join("; ", differences.subList(0, Math.min(NAMED, differences.size())));
        return differences.size() > NAMED ? named + " and " + (differences.size() - NAMED) + " more" : named;
    }
}
