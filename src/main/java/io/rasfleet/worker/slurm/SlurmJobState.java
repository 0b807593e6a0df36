package io.rasfleet.worker.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One of our jobs as {@code squeue} lists it, read from {@link #FORMAT}'s output: the job id, its
 * state, Slurm's reason (why a pending job waits: {@code Priority}, {@code Resources}, ...) and its
 * comment (which attempt it is, see {@link SlurmJobName}). {@code sacct} is not needed: a job that
 * left {@code squeue} has ended, and the attempt's own files say how.
 */
public record SlurmJobState(long jobId, String state, String reason, String nodes, String comment) {

    /** {@code squeue --noheader --format=} for {@link #parse}; the comment comes last as it may hold spaces. */
    public static final String FORMAT = "%i|%T|%r|%N|%k";

    /** Waiting in the cluster's queue, not computing: the time limit does not run yet. */
    public boolean queued() {
        return queued(state);
    }

    private static boolean queued(String state) {
        return state.equals("PENDING") || state.equals("CONFIGURING") || state.equals("REQUEUED")
                || state.equals("REQUEUE_HOLD") || state.equals("REQUEUE_FED");
    }

    /** Queued, computing or suspended: still the cluster's, by Slurm's name for its state ({@code squeue} or {@code scontrol}). */
    public static boolean live(String state) {
        return queued(state) || running(state) || state.equals("SUSPENDED");
    }

    public boolean running() {
        return running(state);
    }

    private static boolean running(String state) {
        return state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("STAGE_OUT");
    }

    /**
     * For a job that ended badly on the cluster's side, what to say: the machine failed (it is
     * tried again) or, for memory and time, the words; null for a state that says nothing of that.
     */
    public static String machineFailure(String state) {
        return switch (state) {
            case "NODE_FAIL" -> "the cluster's node failed under the job (NODE_FAIL)";
            case "PREEMPTED" -> "the job was preempted by the cluster (PREEMPTED)";
            case "BOOT_FAIL" -> "the cluster's node failed to boot for the job (BOOT_FAIL)";
            case "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED" -> "the cluster requeued the job (" + state + ")";
            case "CANCELLED" -> "the job was cancelled on the cluster (scancel from outside)";
            case "DEADLINE" -> "the job reached its deadline on the cluster (DEADLINE)";
            default -> null;
        };
    }

    /** The node under the job failed: the next try avoids it. */
    public static boolean nodeFailure(String state) {
        return state.equals("NODE_FAIL") || state.equals("BOOT_FAIL");
    }

    /** The cluster gave the job's place to another: nothing wrong with the node, worth another try on the cluster. */
    public static boolean preempted(String state) {
        return state.equals("PREEMPTED");
    }

    /** Words for a job the cluster ended for its own limits; null for other states. */
    public static String limitReached(String state) {
        return switch (state) {
            case "OUT_OF_MEMORY" -> "the job ran out of memory on the cluster (OUT_OF_MEMORY): raise memory_per_plan";
            case "TIMEOUT" -> "the job reached the cluster's time limit (TIMEOUT): raise max_runtime_minutes";
            default -> null;
        };
    }

    /** The jobs in {@code squeue} output of {@link #FORMAT}; blank lines are skipped, a malformed one is refused. */
    public static List<SlurmJobState> parse(String output) {
        List<SlurmJobState> jobs = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.strip().split("\\|", 5);
            if (parts.length < 4 || !parts[0].matches("\\d+")) {
                throw new IllegalArgumentException("squeue printed a line that is not a job: " + line.strip());
            }
            String comment = parts.length == 5 && !parts[4].equals("(null)") ? parts[4] : "";
            jobs.add(new SlurmJobState(Long.parseLong(parts[0]), parts[1], parts[2].equals("None") ? "" : parts[2], parts[3], comment));
        }
        return jobs;
    }
}
