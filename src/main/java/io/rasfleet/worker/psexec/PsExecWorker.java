package io.rasfleet.worker.psexec;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.SmbShare;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.Secrets;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.WorkerUnreachableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows machine as IT departments already allow it: files through its SMB share (smbj), HEC-RAS
 * started by PsExec in the logged-in user's desktop session ({@code -i session_id}; never the
 * system account, where Ras.exe hangs). Under the share: {@code rasfleet\<server>\run-<id>\snapshot} once
 * per run, {@code rasfleet\<server>\run-<id>\pNN-aK} per attempt, copied from it by the server.
 */
public final class PsExecWorker implements Worker {

    static final int SMB_PORT = 445;
    static final long LOW_DISK_BYTES = 1L << 30;
    private static final Pattern SESSION_LINE = Pattern.compile("^\\s*>?\\s*(\\S+)?\\s+(\\S+)?\\s+(\\d+)\\s+(\\w+)\\s*$");

    private final WorkerSpec spec;
    private final io.rasfleet.worker.RasInstalls installs;
    private final UncPath share;

    public PsExecWorker(WorkerSpec spec) {
        this.spec = spec;
        this.share = UncPath.parse(spec.name(), settings().sharePath());
        this.installs = new io.rasfleet.worker.RasInstalls(spec.name(), settings().rasVersion(), settings().installRoots(),
                this::versionFolders, "\\", "Ras.exe");
    }

    /** The folders under {@code root} on the machine that hold Ras.exe, as PowerShell there lists them through PsExec. */
    private List<String> versionFolders(String root) throws IOException, InterruptedException {
        Path psexec;
        try {
            psexec = psexec();
        } catch (WorkerException e) {
            throw new IOException(e.getMessage(), e);
        }
        PsExecCall call = PsExecCall.run(this, user -> PsExecCommands.listVersions(psexec.toString(), share.host(), user, root),
                Duration.ofMinutes(1));
        if (!call.end().exitedCleanly()) {
            String advice = call.end().exitCode() == null ? null : PsExecErrors.explain(call.end().exitCode(), call.output());
            throw new IOException("listing " + root + " on " + share.host() + " failed: " + (advice != null ? advice : call.end().reason()));
        }
        return PsExecCommands.versionFolders(call.output());
    }

    /** Ras.exe that computes {@code plan}: {@code ras_exe_path}, or HEC-RAS of the plan's version found on the machine. */
    String program(io.rasfleet.project.Plan plan) throws WorkerException {
        return installs.programFor(settings().rasExePath(), plan);
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    /** This type's own settings. */
    PsExecSettings settings() {
        return spec.settings(PsExecSettings.class);
    }

    UncPath share() {
        return share;
    }

    int smbPort() {
        return settings().port() == null ? SMB_PORT : settings().port();
    }

    /** One server's run folder relative to the share (for smbj); {@link #localPath} gives it as the machine sees it (for PsExec). */
    String runFolderInShare(String server, long runId) {
        return serverFolderInShare(server) + "\\run-" + runId;
    }

    /** The share's cache of project files, shared by every server: {@code rasfleet\cache}, relative to the share. */
    String cacheInShare() {
        return share.inShare("rasfleet\\cache");
    }

    private String serverFolderInShare(String server) {
        return share.inShare("rasfleet\\" + io.rasfleet.worker.ServerName.safe(server));
    }

    @Override
    public String host() {
        return share.host();
    }

    String localPath(String inShare) {
        String base = spec.workerFolder();
        return base.endsWith("\\") ? base + inShare : base + "\\" + inShare;
    }

    /** The configured Windows login, its password from the credential store; null for the app server's own account. */
    PsExecCommands.Login login() {
        if (settings().username() == null) {
            return null;
        }
        return new PsExecCommands.Login(settings().username(), Secrets.current().password(settings().credentialAlias()));
    }

    SmbShare connect() throws IOException {
        PsExecCommands.Login login;
        try {
            login = login();
        } catch (WorkerConfigException e) {
            throw new WorkerUnreachableException(e.getMessage(), e);
        }
        try {
            return SmbShare.connect(share.host(), smbPort(), share.share(), login == null ? null : login.user(),
                    login == null ? null : login.password());
        } catch (io.rasfleet.transfer.SmbUnreachableException e) {
            throw new WorkerUnreachableException(e.getMessage(), e);
        } finally {
            if (login != null) {
                Arrays.fill(login.password(), '\0');
            }
        }
    }

    /** PsExec on this app server, or why there is none. */
    Path psexec() throws WorkerException {
        List<String> looked = new ArrayList<>();
        Optional<Path> found = PsExecLocator.find(settings().psexecPath(), looked);
        if (found.isPresent()) {
            return found.get();
        }
        if (settings().psexecPath() == null && !PsExecLocator.windows()) {
            throw new WorkerException("worker " + spec.name() + ": PsExec cannot be launched on this app server ("
                    + System.getProperty("os.name") + "); files over SMB still work. Run the app server on Windows, or set"
                    + " psexec_path to a program that takes PsExec's command line", null);
        }
        throw new WorkerException("worker " + spec.name() + ": PsExec was not found (looked at " + String.join(", ", looked)
                + "); set psexec_path, put PsExec in one of those places, or configure -Drasfleet.psexec.url with"
                + " -Drasfleet.psexec.sha256", null);
    }

    @Override
    public CheckReport check() {
        List<CheckReport.Item> items = new ArrayList<>();
        try (SmbShare smb = connect()) {
            items.add(new CheckReport.Item("share_path", true, "logged in to " + smb.name() + (settings().username() == null
                    ? " as guest" : " as " + settings().username() + " (password of credential store alias '"
                    + settings().credentialAlias() + "')")));
            String probe = share.inShare(".rasfleet-probe-" + UUID.randomUUID());
            Path local = Files.createTempFile("rasfleet-probe-", ".txt");
            try {
                Files.writeString(local, "rasfleet probe");
                smb.upload(local, probe);
                Path back = Files.createTempFile("rasfleet-probe-", ".back");
                boolean read = smb.download(probe, back) && Files.readString(back).equals("rasfleet probe");
                Files.deleteIfExists(back);
                smb.delete(probe);
                boolean gone = !smb.exists(probe);
                items.add(new CheckReport.Item("share write / read / delete", read && gone, read && gone
                        ? "a probe file was written, read back and deleted" : "the probe file " + (read ? "was not deleted"
                        : "did not read back as written")));
            } finally {
                Files.deleteIfExists(local);
            }
            long free = smb.freeBytes();
            items.add(new CheckReport.Item("free disk", free >= LOW_DISK_BYTES, String.format("%.1f GiB free on %s",
                    free / (double) (1L << 30), smb.name())));
        } catch (IOException | RuntimeException e) {
            items.add(new CheckReport.Item("share_path", false, e.getMessage()));
        }
        Path psexec;
        try {
            psexec = psexec();
            items.add(new CheckReport.Item("psexec_path", true, "PsExec is " + psexec));
        } catch (WorkerException e) {
            items.add(new CheckReport.Item("psexec_path", false, e.getMessage()));
            return new CheckReport(spec.name(), items);
        }
        items.add(sessions(psexec));
        if (settings().rasExePath() == null) {
            items.add(installs.check());
        }
        return new CheckReport(spec.name(), items);
    }

    /** {@code query session} on the machine, through PsExec, compared with {@code session_id}. */
    private CheckReport.Item sessions(Path psexec) {
        int wanted = settings().sessionId();
        try {
            PsExecCall call = PsExecCall.run(this, user -> PsExecCommands.querySession(psexec.toString(), share.host(), user),
                    Duration.ofMinutes(1));
            if (!call.end().exitedCleanly()) {
                String advice = call.end().exitCode() == null ? null : PsExecErrors.explain(call.end().exitCode(), call.output());
                return new CheckReport.Item("session_id", false, "query session on " + share.host() + " failed: "
                        + (advice != null ? advice : call.end().reason()));
            }
            List<String> active = new ArrayList<>();
            String state = null;
            for (String line : call.output().split("\\R")) {
                Matcher m = SESSION_LINE.matcher(line);
                if (m.matches()) {
                    int id = Integer.parseInt(m.group(3));
                    if (m.group(4).equalsIgnoreCase("Active")) {
                        active.add(Integer.toString(id));
                    }
                    if (id == wanted) {
                        state = m.group(4);
                    }
                }
            }
            boolean ok = "Active".equalsIgnoreCase(state);
            return new CheckReport.Item("session_id", ok, ok ? "session " + wanted + " is active on " + share.host()
                    : "session " + wanted + " is " + (state == null ? "not there" : state) + " on " + share.host()
                    + "; active sessions: " + (active.isEmpty() ? "none (nobody is logged in)" : String.join(", ", active)));
        } catch (IOException | RuntimeException e) {
            return new CheckReport.Item("session_id", false, "query session on " + share.host() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckReport.Item("session_id", false, "query session on " + share.host() + " was interrupted");
        }
    }

    /**
     * Ends, on the machine, the processes working in the attempt folders of this server's runs that
     * it finds on the share and whose attempt is not live when asked after that listing; an attempt
     * launched later has no folder in the listing and is never touched.
     */
    @Override
    public int endAbandoned(String server, java.util.function.Predicate<io.rasfleet.worker.AttemptRef> live) throws WorkerException {
        String serverFolder = serverFolderInShare(server);
        List<String> attemptFolders = new ArrayList<>();
        try (SmbShare files = connect()) {
            for (String run : files.folders(serverFolder)) {
                for (String attempt : files.folders(serverFolder + "\\" + run)) {
                    attemptFolders.add(run + "\\" + attempt);
                }
            }
        } catch (IOException e) {
            throw new WorkerException("worker " + spec.name() + ": the folders of server " + server + " on " + share.host()
                    + " could not be listed: " + e.getMessage(), e);
        }
        List<String> abandoned = attemptFolders.stream()
                .filter(folder -> io.rasfleet.worker.AttemptRef.under(server, folder).filter(work -> !work.isWholeRun())
                        .filter(live.negate()).isPresent())
                .map(folder -> localPath(serverFolder + "\\" + folder) + "\\").toList();
        return abandoned.isEmpty() ? 0 : endUnder(abandoned);
    }

    @Override
    public int endAttempt(io.rasfleet.worker.AttemptRef attempt) throws WorkerException {
        return endUnder(List.of(localPath(runFolderInShare(attempt.server(), attempt.runId()) + "\\" + attempt.folderName()) + "\\"));
    }

    private int endUnder(List<String> folders) throws WorkerException {
        Path program = psexec();
        try {
            PsExecCall call = PsExecCall.run(this, user -> PsExecCommands.killTree(program.toString(), share.host(), user, folders),
                    Duration.ofMinutes(2));
            if (!call.end().exitedCleanly()) {
                throw new WorkerException("worker " + spec.name() + ": ending abandoned plans on " + share.host() + " failed: "
                        + call.end().reason(), null);
            }
            // the script writes how many process trees it ended
            return call.printedNumber();
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + spec.name() + ": ending abandoned plans on " + share.host() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("ending abandoned plans was interrupted", e);
        }
    }

    @Override
    public WorkerSession open(io.rasfleet.worker.WorkerRun run) throws WorkerException {
        return PsExecSession.open(this, run);
    }
}
