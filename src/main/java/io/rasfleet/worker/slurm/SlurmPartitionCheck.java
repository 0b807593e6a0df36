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
 * (a job Slurm would keep pending for ever) is refused before any plan is handed out, and a
 * cluster that would give each job its node's whole memory, or count none, is warned of. The client
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
        Duration longest = minutes == null ? null : Duration.ofMinutes(minutes);
        if (limit != null && minutes != null) {
            long asked = settings.jobMinutes(longest);
            boolean fits = asked <= limit;
            items.add(new CheckReport.Item("max_runtime_minutes", fits, "max_runtime_minutes " + minutes + " (sbatch --time=" + asked
                    + ": " + (asked - minutes) + " min more for the server's last look and the job's clean-up)"
                    + (fits ? " fits" : " is above") + " partition " + partition + "'s time limit of " + limit + " minutes"
                    + (fits ? "" : ": its jobs would wait forever (PartitionTimeLimit); lower max_runtime_minutes to "
                            + (limit - (asked - minutes)) + " or less")));
        }
        List<String> test = new ArrayList<>(List.of("sbatch", "--test-only"));
        test.addAll(settings.sbatchArguments(spec.coresPerPlan(), longest).stream().filter(a -> !a.equals("--parsable")).toList());
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
        CheckReport.Item memory = memoryItem(settings.memoryPerPlan(), spec.coresPerPlan(), partition,
                host.run(List.of("scontrol", "show", "config"), COMMAND_LIMIT),
                host.run(List.of("scontrol", "--oneliner", "show", "partition", partition), COMMAND_LIMIT));
        if (memory != null) {
            items.add(memory);
        }
        return items;
    }

    /**
     * What a job of ours gets of its node's memory, from {@code scontrol show config} and
     * {@code scontrol show partition}: whether the cluster counts memory at all (a
     * {@code SelectTypeParameters} with {@code MEMORY}, the partition's own when it has one) and
     * what a job without {@code --mem} is given ({@code DefMemPerCPU} or {@code DefMemPerNode}, the
     * partition's before the cluster's). Counted memory with no default gives a job without
     * {@code --mem} the whole node: a one-core plan keeps every other job off that node. Null when
     * scontrol said nothing usable (the partition item says why).
     */
    static CheckReport.Item memoryItem(String memoryPerPlan, int cores, String partition, Result config, Result shown) {
        if (config.code() != 0 || shown.code() != 0 || !shown.output().contains("PartitionName=")) {
            return null;
        }
        String own = setting(shown.output(), "SelectTypeParameters");
        String selection = own != null && !own.equals("NONE") ? own : setting(config.output(), "SelectTypeParameters");
        boolean counted = selection != null && selection.toUpperCase(java.util.Locale.ROOT).contains("MEMORY");
        String given = defaultMemory(shown.output(), "partition " + partition);
        if (given == null) {
            given = defaultMemory(config.output(), "the cluster");
        }
        String cluster = "SelectTypeParameters=" + selection;
        if (memoryPerPlan != null && counted) {
            return new CheckReport.Item("memory_per_plan", true, "each job asks --mem=" + memoryPerPlan + " (memory_per_plan); the cluster"
                    + " counts memory (" + cluster + ")");
        }
        if (memoryPerPlan != null) {
            return CheckReport.Item.warning("memory_per_plan", "each job asks --mem=" + memoryPerPlan + ", but the cluster does not"
                    + " count memory (" + cluster + "): --mem only picks nodes that have that much and reserves none, so a plan"
                    + " shares its node's memory with every other job there");
        }
        if (!counted) {
            return CheckReport.Item.warning("memory_per_plan", "the cluster does not count memory (" + cluster + "): each job may use"
                    + " its whole node's memory beside other jobs; memory_per_plan (such as 4G) would at least pick nodes with that much");
        }
        if (given == null) {
            return CheckReport.Item.warning("memory_per_plan", "without memory_per_plan a job of " + cores + " core(s) is given its"
                    + " whole node's memory: the cluster counts memory (" + cluster + ") and neither partition " + partition
                    + " nor the cluster sets DefMemPerCPU or DefMemPerNode, so each plan keeps its node from every other job;"
                    + " set memory_per_plan (such as 4G)");
        }
        return new CheckReport.Item("memory_per_plan", true, "without memory_per_plan a job is given " + given + " (" + cluster + ")");
    }

    /** {@code DefMemPerCPU} or {@code DefMemPerNode} as {@code scontrol} shows it ({@code X=v} or {@code X = v}), named with {@code whose}; null when unlimited or unset. */
    private static String defaultMemory(String shown, String whose) {
        for (String name : List.of("DefMemPerCPU", "DefMemPerNode")) {
            String value = setting(shown, name);
            if (value != null && !value.equals("UNLIMITED") && !value.equals("0")) {
                return name + "=" + value + " of " + whose;
            }
        }
        return null;
    }

    private static String setting(String shown, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)(?:^|\\s)" + name + "\\s*=\\s*(\\S+)").matcher(shown);
        return m.find() ? m.group(1) : null;
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
