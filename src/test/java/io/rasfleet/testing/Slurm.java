package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real one-node Slurm cluster on loopback, started once per JVM from Debian's packages: its own
 * munge key and socket, {@code slurmctld} and {@code slurmd} in the foreground on high ports with
 * their state in a temp folder, all killed at JVM exit. Client commands ({@code sinfo},
 * {@code sbatch}, ...) find it through {@link #environment()}, as a login node's shell would.
 */
public final class Slurm {

    private static final Path SLURMCTLD = Path.of("/usr/sbin/slurmctld");
    private static final Path SLURMD = Path.of("/usr/sbin/slurmd");
    private static final Path MUNGED = Path.of("/usr/sbin/munged");
    public static final String PARTITION = "debug";
    /** The partition's time limit, in minutes: a longer {@code --time} is refused. */
    public static final int PARTITION_MAX_MINUTES = 60;
    /**
     * The node's memory as Slurm counts it, in MB (well below any test machine's, or slurmd would
     * drain it). Memory is counted ({@code cons_tres}'s default {@code CR_Core_Memory}) and no
     * {@code DefMemPerCPU} is set: a job without {@code --mem} gets all of it, as on many clusters.
     */
    public static final int NODE_MEMORY_MB = 1000;

    private static Slurm started;

    private final Path conf;
    private final String node;
    private final Process controller;

    /** What {@code slurmctld} logs as it runs: its stderr. */
    private Path controllerLog() {
        return conf.resolveSibling("slurmctld.log");
    }

    /**
     * What {@code slurmctld} logged while {@code action} ran, at {@code debug3}: each request's
     * {@code JobDesc} as the controller received it ({@code signal=B:15@90}, {@code comment=...}),
     * what {@code scontrol show job} does not show. The log level is set back afterwards.
     */
    public <T> Logged<T> requestsDuring(java.util.concurrent.Callable<T> action) throws Exception {
        long from = Files.size(controllerLog());
        scontrol("setdebug", "debug3");
        T result;
        try {
            result = action.call();
        } finally {
            scontrol("setdebug", "info");
        }
        byte[] all = Files.readAllBytes(controllerLog());
        return new Logged<>(result, new String(all, (int) from, all.length - (int) from, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An action's result and the controller's log while it ran. */
    public record Logged<T>(T result, String log) {
    }

    private Slurm(Path conf, String node, Process controller) {
        this.conf = conf;
        this.node = node;
        this.controller = controller;
    }

    /** The cluster's one node, as Slurm names it. */
    public String node() {
        return node;
    }

    /**
     * Stops {@code slurmctld} (SIGSTOP) for {@code busy}, then lets it go on: clients time out as they
     * do against a controller busy with a large cluster ("Socket timed out on send/recv operation").
     */
    public void pauseController(Duration busy) throws IOException, InterruptedException {
        signal("STOP");
        try {
            Thread.sleep(busy.toMillis());
        } finally {
            signal("CONT");
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(controller.pid())).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " slurmctld failed: " + new String(kill.getInputStream().readAllBytes()));
        }
    }

    /** Runs {@code scontrol} with the words, as the cluster's admin would; fails with what it printed unless it exits 0. */
    public void scontrol(String... words) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("scontrol"));
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    /**
     * Sets the node DOWN as an admin or a failing machine would: its jobs end NODE_FAIL. The node
     * comes back by itself when its slurmd registers again ({@code ReturnToService=2}) or at
     * {@link #nodeBack()}.
     */
    public void nodeDown() throws IOException, InterruptedException {
        scontrol("update", "NodeName=" + node, "State=DOWN", "Reason=rasfleet-test");
    }

    /** Brings the node back into service (it may be back already) and waits until it takes jobs. */
    public void nodeBack() throws IOException, InterruptedException {
        try {
            scontrol("update", "NodeName=" + node, "State=RESUME");
        } catch (IOException e) {
            if (!e.getMessage().contains("Invalid node state")) {
                throw e;
            }
        }
        Instant deadline = Instant.now().plusSeconds(60);
        while (!nodeUp()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("node " + node + " did not come back into service");
            }
            Thread.sleep(300);
        }
    }

    private boolean nodeUp() throws IOException, InterruptedException {
        ProcessBuilder sinfo = new ProcessBuilder("sinfo", "--noheader", "--format=%t").redirectErrorStream(true);
        sinfo.environment().putAll(environment());
        Process p = sinfo.start();
        String state = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return state.equals("idle") || state.equals("mix") || state.equals("alloc");
    }

    private static final java.util.regex.Pattern SERVED = java.util.regex.Pattern.compile(
            "(REQUEST_[A-Z_]+)\\s+\\(\\s*\\d+\\)\\s+count:(\\d+)");

    /**
     * The controller's own count of the requests it served since it started, by kind
     * ({@code sdiag}'s remote procedure call statistics: {@code REQUEST_JOB_INFO} for a listing,
     * {@code REQUEST_SUBMIT_BATCH_JOB} for an {@code sbatch}, ...).
     */
    public Map<String, Long> served() throws IOException, InterruptedException {
        ProcessBuilder sdiag = new ProcessBuilder("sdiag").redirectErrorStream(true);
        sdiag.environment().putAll(environment());
        Process p = sdiag.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("sdiag failed: " + out);
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        java.util.regex.Matcher m = SERVED.matcher(out);
        while (m.find()) {
            // the first table counts by message type; the per-user one after it repeats no REQUEST_ names
            counts.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /** How many batch jobs the controller accepted requests for so far ({@code sbatch} calls). */
    public long submissions() throws IOException, InterruptedException {
        return served().getOrDefault("REQUEST_SUBMIT_BATCH_JOB", 0L);
    }

    /** What {@code scontrol show job} says of a job, on one line. */
    public String job(long id) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("scontrol", "--oneliner", "show", "job", Long.toString(id)).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** The cluster, started on first use; skips the test (or fails it under {@code -Drasfleet.require=slurm}) without Slurm. */
    public static synchronized Slurm cluster() throws IOException, InterruptedException {
        Services.need("slurm", Files.isExecutable(SLURMCTLD) && Files.isExecutable(SLURMD) && Files.isExecutable(MUNGED),
                "slurmctld, slurmd or munged is not installed (apt-get install slurm-wlm munge)");
        Services.need("slurm", "root".equals(System.getProperty("user.name")), "a throwaway Slurm runs as root here");
        if (started == null) {
            started = start();
        }
        return started;
    }

    /** What client commands need to reach this cluster. */
    public Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    private static Slurm start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rasfleet-slurm-");
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
        Path key = dir.resolve("munge.key");
        byte[] bytes = new byte[1024];
        new SecureRandom().nextBytes(bytes);
        Files.write(key, bytes);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        String host = new String(new ProcessBuilder("hostname", "-s").start().getInputStream().readAllBytes()).strip();
        int ctldPort = LoopbackService.freePort();
        int dPort = LoopbackService.freePort();
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, String.join("\n",
                "ClusterName=rasfleettest",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmUser=root",
                "SlurmctldPort=" + ctldPort,
                "SlurmdPort=" + dPort,
                "StateSaveLocation=" + Files.createDirectories(dir.resolve("state")),
                "SlurmdSpoolDir=" + Files.createDirectories(dir.resolve("spool")),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/filetxt",
                "JobCompLoc=" + dir.resolve("jobcomp"),
                "SelectType=select/cons_tres",
                "AuthType=auth/munge",
                "AuthInfo=socket=" + munge.resolve("sock"),
                "ReturnToService=2",
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=2 RealMemory=" + NODE_MEMORY_MB + " State=UNKNOWN",
                "PartitionName=" + PARTITION + " Nodes=ALL Default=YES MaxTime=" + PARTITION_MAX_MINUTES + " State=UP", ""));
        Process munged = daemon(dir, "munged", List.of(MUNGED.toString(), "-F", "--force", "--key-file=" + key,
                "--socket=" + munge.resolve("sock"), "--pid-file=" + munge.resolve("pid"), "--seed-file=" + munge.resolve("seed"),
                "--log-file=" + munge.resolve("log")));
        Instant mungeBy = Instant.now().plusSeconds(20);
        while (!Files.exists(munge.resolve("sock"))) {
            if (Instant.now().isAfter(mungeBy) || !munged.isAlive()) {
                throw new IOException("the test's munged did not start; see " + munge.resolve("log"));
            }
            Thread.sleep(100);
        }
        Process ctld = daemon(dir, "slurmctld", List.of(SLURMCTLD.toString(), "-D", "-f", conf.toString()));
        Process d = daemon(dir, "slurmd", List.of(SLURMD.toString(), "-D", "-f", conf.toString()));
        Slurm slurm = new Slurm(conf, host, ctld);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!slurm.nodeIdle()) {
            if (Instant.now().isAfter(deadline) || !ctld.isAlive() || !d.isAlive()) {
                throw new IOException("the test's Slurm did not come up; see " + dir + "/slurmctld.log and slurmd.log");
            }
            Thread.sleep(300);
        }
        return slurm;
    }

    private boolean nodeIdle() throws IOException, InterruptedException {
        ProcessBuilder sinfo = new ProcessBuilder("sinfo", "--noheader", "--format=%t").redirectErrorStream(true);
        sinfo.environment().putAll(environment());
        Process p = sinfo.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return new String(p.getInputStream().readAllBytes()).strip().equals("idle");
    }

    private static Process daemon(Path dir, String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        DAEMONS.add(process);
        return process;
    }

    /** munged, slurmctld, slurmd, in the order started. */
    private static final List<Process> DAEMONS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Slurm::stopAtExit, "slurm-stop"));
    }

    /**
     * Cancels what a failed test left on the cluster, then kills the daemons: a killed slurmd
     * leaves its jobs' slurmstepd and their engines running, and a test's hung stand-in would
     * compute on for ever beside every later build on the machine.
     */
    private static void stopAtExit() {
        Slurm cluster;
        synchronized (Slurm.class) {
            cluster = started;
        }
        if (cluster != null && cluster.controller.isAlive()) {
            try {
                cluster.cancelEveryJob(Duration.ofSeconds(20));
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("the test cluster's jobs could not be cancelled before its daemons were killed: " + e);
            }
        }
        for (int i = DAEMONS.size() - 1; i >= 0; i--) {
            DAEMONS.get(i).destroyForcibly();
        }
    }

    /** Cancels every job of this cluster (it is the JVM's own) and waits up to {@code wait} until none is listed. */
    private void cancelEveryJob(Duration wait) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        ProcessBuilder scancel = new ProcessBuilder("scancel", "--full", "--user=" + System.getProperty("user.name"))
                .redirectErrorStream(true);
        scancel.environment().putAll(environment());
        Process cancel = scancel.start();
        cancel.getInputStream().readAllBytes();
        cancel.waitFor(10, TimeUnit.SECONDS);
        while (Instant.now().isBefore(deadline)) {
            ProcessBuilder squeue = new ProcessBuilder("squeue", "--noheader", "--format=%i").redirectErrorStream(true);
            squeue.environment().putAll(environment());
            Process p = squeue.start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.isEmpty()) {
                return;
            }
            Thread.sleep(300);
        }
    }
}
