package io.rasfleet.worker.slurm;

import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.slurm.SubmitHost.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's part of a Slurm worker's check, run on a submit host (the app server itself when
 * {@code hostname} is absent): {@code sinfo} knows the partition and has nodes up in it, and
 * {@code sbatch --test-only} accepts our options, so that a bad partition, account, a
 * {@code --time} above the partition's limit or more cores per plan than its largest node has
 * (a job Slurm would keep pending for ever) is refused before any plan is handed out. The client
 * commands find the cluster as the submit host's own shell does ({@code SLURM_CONF}, or the
 * default {@code /etc/slurm/slurm.conf}).
 */
public final class SlurmPartitionCheck {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

    private SlurmPartitionCheck() {
    }

    /** The check items: the partition, the time limit against the partition's, the options; on {@code host}. */
    static List<CheckReport.Item> run(io.rasfleet.worker.WorkerSpec spec, SubmitHost host) throws java.io.IOException {
        SlurmSettings settings = spec.settings(SlurmSettings.class);
        Integer minutes = spec.maxRuntimeMinutes();
        List<CheckReport.Item> items = new ArrayList<>();
        String partition = settings.partition();
        Result sinfo = host.run(List.of("sinfo", "--noheader", "--partition=" + partition, "--format=%a|%D|%t|%l"), COMMAND_LIMIT);
        items.add(partitionItem(partition, sinfo));
        Long limit = partitionMinutes(sinfo);
        if (limit != null && minutes != null) {
            boolean fits = minutes <= limit;
            items.add(new CheckReport.Item("max_runtime_minutes", fits, "max_runtime_minutes " + minutes
                    + (fits ? " fits" : " is above") + " partition " + partition + "'s time limit of " + limit + " minutes"
                    + (fits ? "" : ": its jobs would wait forever (PartitionTimeLimit)")));
        }
        List<String> test = new ArrayList<>(List.of("sbatch", "--test-only"));
        test.addAll(settings.sbatchArguments(spec.coresPerPlan(), minutes).stream().filter(a -> !a.equals("--parsable")).toList());
        test.add("--wrap=true");
        Result accepted = host.run(test, COMMAND_LIMIT);
        items.add(new CheckReport.Item("sbatch options", accepted.code() == 0, accepted.code() == 0
                ? "sbatch --test-only accepts partition " + partition + " and the worker's options"
                : "sbatch refuses the worker's options (partition " + partition
                        + (settings.account() == null ? "" : ", account " + settings.account())
                        + (minutes == null ? "" : ", max_runtime_minutes " + minutes) + "): " + accepted.output()));
        Result nodes = host.run(List.of("sinfo", "--noheader", "--partition=" + partition, "--Node", "--format=%c"), COMMAND_LIMIT);
        Integer largest = largestNodeCpus(nodes);
        if (largest != null) {
            boolean fits = spec.coresPerPlan() <= largest;
            items.add(new CheckReport.Item("cores_per_plan", fits, "cores_per_plan " + spec.coresPerPlan()
                    + (fits ? " fits" : " is more than") + " the largest node of partition " + partition + " (" + largest + " CPUs)"
                    + (fits ? "" : ": its jobs would wait forever; lower cores_per_plan to " + largest + " or less")));
        }
        return items;
    }

    /** The most CPUs one node of the partition has, from {@code sinfo --Node --format=%c}; null when sinfo says nothing. */
    static Integer largestNodeCpus(Result nodes) {
        if (nodes.code() != 0) {
            return null;
        }
        return java.util.Arrays.stream(nodes.output().split("\n")).map(String::strip).filter(l -> l.matches("\\d+"))
                .map(Integer::valueOf).max(Integer::compare).orElse(null);
    }

    /** {@code sinfo} prints one line per node state of the partition, nothing for a partition it does not know. */
    static CheckReport.Item partitionItem(String partition, Result sinfo) {
        if (sinfo.code() != 0) {
            return new CheckReport.Item("partition", false, "sinfo failed for partition " + partition + ": " + sinfo.output());
        }
        int up = 0;
        boolean known = false;
        for (String line : sinfo.output().split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length != 4) {
                continue;
            }
            known = true;
            boolean usable = f[0].equals("up") && !f[2].matches("(down|drain|drng|fail|failg|maint|unk|boot|futr|npc|inval|pow_dn|powered_down).*");
            if (usable && f[1].matches("\\d+")) {
                up += Integer.parseInt(f[1]);
            }
        }
        if (!known) {
            return new CheckReport.Item("partition", false, "the cluster has no partition " + partition + " (sinfo lists none)");
        }
        return new CheckReport.Item("partition", up > 0, up > 0 ? "partition " + partition + " has " + up + " node(s) up"
                : "partition " + partition + " has no node up");
    }

    /** The partition's time limit in minutes from sinfo's {@code %l} ({@code [days-]hours:minutes:seconds}); null when unlimited or unknown. */
    static Long partitionMinutes(Result sinfo) {
        if (sinfo.code() != 0) {
            return null;
        }
        for (String line : sinfo.output().split("\n")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 4) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)").matcher(f[3]);
                if (m.matches()) {
                    long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
                    long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                    long minutes = days * 24 * 60 + hours * 60 + Long.parseLong(m.group(3));
                    return m.group(2) == null ? minutes : minutes + (Long.parseLong(m.group(4)) > 0 ? 1 : 0);
                }
                return null;
            }
        }
        return null;
    }

}
