package io.rasfleet.worker.ssh;

import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Linux machine with HEC-RAS's Linux engine, reached over SSH: SFTP for files, exec for runs,
 * folders under {@code worker_folder} ({@code <server>/run-<id>/snapshot} once per run, {@code <server>/run-<id>/pNN-aK}
 * per attempt, copied from the snapshot on the host).
 */
public final class SshWorker implements Worker {

    private final WorkerSpec spec;
    private final SshTarget target;
    private final io.rasfleet.worker.RasInstalls installs;

    public SshWorker(WorkerSpec spec) {
        this.spec = spec;
        this.target = SshTarget.of(settings());
        this.installs = io.rasfleet.worker.linux.EngineInstalls.of(spec.name(), settings().rasVersion(),
                settings().rasInstallRoot(), this::versionFolders);
    }

    private List<String> versionFolders(String root) throws IOException {
        try (SshConnection connection = SshConnection.open(target)) {
            return io.rasfleet.worker.linux.EngineInstalls.parse(connection.output(
                    ShellWords.join(io.rasfleet.worker.linux.EngineInstalls.command(root)), "listing " + root, Duration.ofSeconds(30)));
        }
    }

    /** The engine folder that computes {@code plan}: {@code ras_engine_path}, or the one of the plan's version found on the host. */
    String engine(io.rasfleet.project.Plan plan) throws WorkerException {
        return installs.programFor(settings().rasEnginePath(), plan);
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    /** This type's own settings. */
    SshSettings settings() {
        return spec.settings(SshSettings.class);
    }

    /** Where one server keeps one run: a peer server's folders are never under it. */
    String runFolder(String server, long runId) {
        return serverFolder(server) + "/run-" + runId;
    }

    private String serverFolder(String server) {
        return spec.workerFolder().replaceAll("/+$", "") + "/" + io.rasfleet.worker.ServerName.safe(server);
    }

    @Override
    public String host() {
        return target.host();
    }

    @Override
    public CheckReport check() {
        List<CheckReport.Item> items = new ArrayList<>();
        try (SshConnection connection = SshConnection.open(target)) {
            items.add(new CheckReport.Item("host", true, target.host() + ":" + target.port() + " answers and its host key is trusted"));
            items.add(new CheckReport.Item("authentication", true, "logged in as " + target.user() + " with " + target.login()));
            String folder = ShellWords.quote(spec.workerFolder());
            String probe = ShellWords.quote(spec.workerFolder() + "/.rasfleet-probe-" + UUID.randomUUID());
            SshConnection.Result written = connection.run("mkdir -p -- " + folder + " && echo probe > " + probe + " && rm -f -- "
                    + probe, Duration.ofSeconds(30));
            items.add(new CheckReport.Item("worker_folder", written.ok(), spec.workerFolder()
                    + (written.ok() ? " is writable" : " cannot be written: " + written.output())));
            if (settings().rasEnginePath() == null) {
                items.add(installs.check());
            } else {
                String engine = settings().rasEnginePath().replaceAll("/+$", "") + "/RasUnsteady";
                SshConnection.Result found = connection.run("test -x " + ShellWords.quote(engine), Duration.ofSeconds(30));
                items.add(new CheckReport.Item("ras_engine_path", found.ok(), engine + (found.ok() ? " is an executable program"
                        : " is not an executable program on " + target.host())));
            }
            if (spec.processPriority().niceness() > 0) {
                // a launch of priority below normal goes through nice: without it every plan would end with exit 127
                SshConnection.Result nice = connection.run("nice -n " + spec.processPriority().niceness() + " true",
                        Duration.ofSeconds(30));
                items.add(new CheckReport.Item("process_priority", nice.ok(), nice.ok()
                        ? "nice lowers the plans' priority on " + target.host()
                        : "priority " + spec.processPriority().label() + " needs nice, which failed on " + target.host() + ": " + nice.output()));
            }
            if (written.ok()) {
                SshConnection.Result df = connection.run(ShellWords.join(io.rasfleet.worker.linux.FreeDisk.command(spec.workerFolder())),
                        Duration.ofSeconds(30));
                items.add(io.rasfleet.worker.linux.FreeDisk.item(df.ok(), df.output(), spec.workerFolder(), target.host()));
            }
        } catch (SshConnection.OpenException e) {
            String what = switch (e.step) {
                case HOST -> "host";
                case HOST_KEY -> "host key";
                case KEY_FILE -> target.keyFile() != null ? "ssh_key_path" : "credential_alias";
                case AUTHENTICATION -> "authentication";
            };
            if (e.step == SshConnection.Step.AUTHENTICATION) {
                items.add(new CheckReport.Item("host", true, target.host() + ":" + target.port() + " answers and its host key is trusted"));
            }
            items.add(new CheckReport.Item(what, false, e.getMessage()));
        } catch (IOException e) {
            items.add(new CheckReport.Item("commands", false, e.getMessage()));
        }
        return new CheckReport(spec.name(), items);
    }

    /**
     * Kills, on the host, the processes of the login user working in an attempt's (or a run's)
     * folder under this server's folder of {@code worker_folder}, unless that attempt is live: the
     * processes are listed with their working folders first, {@code live} is asked after, and the
     * kill checks each process still works in the folder listed (a pid may have been reused).
     */
    @Override
    public int endAbandoned(String server, java.util.function.Predicate<AttemptRef> live) throws WorkerException {
        String folder = serverFolder(server);
        String quoted = ShellWords.quote(folder);
        String list = "for p in /proc/[0-9]*; do d=$(readlink \"$p/cwd\" 2>/dev/null) || continue; case \"$d\" in "
                + quoted + "/*) printf '%s\\t%s\\n' \"${p#/proc/}\" \"$d\";; esac; done";
        try (SshConnection connection = SshConnection.open(target)) {
            StringBuilder kill = new StringBuilder("n=0; ");
            for (String line : connection.require(list, "listing abandoned plans").lines().toList()) {
                String[] pidAndFolder = line.split("\t", 2);
                if (pidAndFolder.length == 2 && pidAndFolder[0].matches("\\d{1,10}") && pidAndFolder[1].startsWith(folder + "/")
                        && AttemptRef.under(server, pidAndFolder[1].substring(folder.length() + 1)).filter(live.negate()).isPresent()) {
                    kill.append("[ \"$(readlink /proc/").append(pidAndFolder[0]).append("/cwd 2>/dev/null)\" = ")
                            .append(ShellWords.quote(pidAndFolder[1])).append(" ] && kill -KILL ").append(pidAndFolder[0])
                            .append(" 2>/dev/null && n=$((n+1)); ");
                }
            }
            return Integer.parseInt(connection.require(kill + "echo $n", "ending abandoned plans").strip());
        } catch (IOException | NumberFormatException e) {
            throw new WorkerException("worker " + spec.name() + " (ssh " + target + "): abandoned plans could not be ended: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int endAttempt(AttemptRef attempt) throws WorkerException {
        return endUnder(runFolder(attempt.server(), attempt.runId()) + "/" + attempt.folderName());
    }

    private int endUnder(String under) throws WorkerException {
        String folder = ShellWords.quote(under);
        String script = "n=0; for p in /proc/[0-9]*; do d=$(readlink \"$p/cwd\" 2>/dev/null) || continue; case \"$d\" in "
                + folder + "|" + folder + "/*) kill -KILL \"${p#/proc/}\" 2>/dev/null && n=$((n+1));; esac; done; echo $n";
        try (SshConnection connection = SshConnection.open(target)) {
            return Integer.parseInt(connection.require(script, "ending abandoned plans").strip());
        } catch (IOException | NumberFormatException e) {
            throw new WorkerException("worker " + spec.name() + " (ssh " + target + "): abandoned plans could not be ended: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public WorkerSession open(io.rasfleet.worker.WorkerRun run) throws WorkerException {
        return SshSession.open(this, target, run);
    }
}
