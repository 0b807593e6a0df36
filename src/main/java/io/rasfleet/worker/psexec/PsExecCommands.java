package io.rasfleet.worker.psexec;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.AttemptRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * PsExec's command lines as argument lists: HEC-RAS in the user's desktop session, and the end,
 * the count and the wait for a plan's remote processes. No password is ever in them: with {@code -u} and no {@code -p},
 * PsExec asks for the password and reads it from its standard input ({@link #password}), where no
 * other local user can read it (an argument list is in {@code /proc/<pid>/cmdline} for all).
 * Every call carries {@code -h} (the account's elevated token, where it has one) and a service
 * name of its own ({@code -r}), as ras-commander's launches do: calls to one machine at once that
 * share PsExec's default {@code PSEXESVC} fail while one of them removes it ("marked for deletion").
 */
final class PsExecCommands {

    private PsExecCommands() {
    }

    /**
     * {@code PsExec \\host -accepteula -nobanner -h -r <service> [-u user] -i <session> [-low|-belownormal] -w <folder>
     * cmd.exe /c .\.rasfleet-run.cmd <folder>\.rasfleet-exit}: the attempt's {@link LaunchScript}, which runs Ras.exe
     * in the desktop session (a child keeps its parent's session and priority) and keeps its exit code in the folder.
     * The script is named relative to {@code -w}: {@code cmd /c} strips the quotes of a first word that holds
     * spaces and parentheses ({@code Program Files (x86)}), and the exit file, not first, is passed whole.
     */
    static List<String> launch(String psexec, String host, String user, String service, int session, ProcessPriority priority,
            String folder) {
        List<String> command = start(psexec, host, user, service);
        command.add("-i");
        command.add(Integer.toString(session));
        switch (priority) {
            case LOW -> command.add("-low");
            case BELOW_NORMAL -> command.add("-belownormal");
            case NORMAL -> {
            }
        }
        command.addAll(List.of("-w", folder, "cmd.exe", "/c", ".\\" + LaunchScript.NAME, windowsJoin(folder, LaunchScript.EXIT_FILE)));
        return command;
    }

    /**
     * The service name of a plan's launch, {@code RasRemote_<plan>_<attempt>} as ras-commander
     * names it, then the run and the server: two runs (or two servers) computing the same plan
     * number on one machine at once must not share it.
     */
    static String launchService(AttemptRef attempt, String planDigits) {
        String folder = attempt.folderName();
        String number = folder.substring(folder.lastIndexOf("-a") + 2);
        return bounded("RasRemote_" + planDigits + "_" + number + "_run" + attempt.runId() + "_" + attempt.server());
    }

    /** The service name of a short call ({@code kill}, {@code versions}, {@code sessions}): its own each time. */
    static String callService(String purpose) {
        return bounded("RasRemote_" + purpose + "_" + Long.toString(System.nanoTime() & 0xffffffffffL, 36)
                + Integer.toString(CALLS.incrementAndGet() & 0xffff, 36));
    }

    private static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    /** Service names are at most 256 characters; PsExec also names pipes after them: keep them short and plain. */
    private static String bounded(String name) {
        String plain = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return plain.length() > 80 ? plain.substring(0, 80) : plain;
    }

    /**
     * The password as PsExec reads it when {@code -p} is left out: one line on its standard input.
     * The bytes are cleared once written; the caller clears the characters.
     */
    static PlanLaunch.Input password(char[] password) {
        return stdin -> {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(password));
            byte[] line = new byte[bytes.remaining() + 2];
            bytes.get(line, 0, bytes.remaining());
            line[line.length - 2] = '\r';
            line[line.length - 1] = '\n';
            try {
                stdin.write(line);
                stdin.flush();
            } finally {
                Arrays.fill(line, (byte) 0);
                if (bytes.hasArray()) {
                    Arrays.fill(bytes.array(), (byte) 0);
                }
            }
        };
    }

    /**
     * Ends every process on the machine whose command line names one of {@code folders} (plans' own
     * working folders: their Ras.exe and the compute programs it starts), children first.
     */
    static List<String> killTree(String psexec, String host, String user, List<String> folders) {
        List<String> command = start(psexec, host, user, callService("kill"));
        command.addAll(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded(killScript(folders))));
        return command;
    }

    /**
     * Waits, on the machine, while a process there names one of {@code folders} in its command line
     * (the plan's {@code cmd.exe}, Ras.exe and the programs it started), then prints 0: how a server
     * that did not launch a plan follows it to its end.
     */
    static List<String> waitWhileWorking(String psexec, String host, String user, List<String> folders) {
        List<String> command = start(psexec, host, user, callService("wait"));
        command.addAll(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand",
                encoded(working(folders) + "while ((Working) -gt 0) { Start-Sleep -Seconds 5 }; Write-Output 0")));
        return command;
    }

    /** Prints how many processes on the machine name one of {@code folders} in their command line. */
    static List<String> countWorking(String psexec, String host, String user, List<String> folders) {
        List<String> command = start(psexec, host, user, callService("working"));
        command.addAll(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand",
                encoded(working(folders) + "Write-Output (Working)")));
        return command;
    }

    /**
     * The selection the kill script makes too; the script's own PowerShell names no folder in its
     * command line (it is encoded), so it never counts itself.
     */
    private static String working(List<String> folders) {
        return "$fs = @(" + String.join(", ", folders.stream().map(f -> "'" + f.replace("'", "''") + "'").toList()) + "); "
                + "function Working { @(Get-CimInstance Win32_Process | Where-Object { $c = $_.CommandLine; "
                + "$c -and @($fs | Where-Object { $c.Contains($_) }).Count -gt 0 }).Count }; ";
    }

    /** The folders under an install root that hold {@code Ras.exe}, one {@code RASVERSION <name>} line each. */
    static List<String> listVersions(String psexec, String host, String user, String root) {
        List<String> command = start(psexec, host, user, callService("versions"));
        command.addAll(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded(versionsScript(root))));
        return command;
    }

    /** A prefix marks the script's lines apart from whatever PsExec itself prints around them. */
    static final String VERSION_LINE = "RASVERSION ";

    static String versionsScript(String root) {
        return "$r = '" + root.replace("'", "''") + "'; "
                + "if (Test-Path -LiteralPath $r -PathType Container) { Get-ChildItem -LiteralPath $r -Directory | "
                + "Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName 'Ras.exe') -PathType Leaf } | "
                + "ForEach-Object { Write-Output ('" + VERSION_LINE + "' + $_.Name) } }";
    }

    static List<String> versionFolders(String output) {
        return output.lines().map(String::strip).filter(line -> line.startsWith(VERSION_LINE))
                .map(line -> line.substring(VERSION_LINE.length()).strip()).sorted().toList();
    }

    /** {@code query session} on the machine: the sessions and which are active. */
    static List<String> querySession(String psexec, String host, String user) {
        List<String> command = start(psexec, host, user, callService("sessions"));
        command.addAll(List.of("query", "session"));
        return command;
    }

    static String killScript(List<String> folders) {
        return "$fs = @(" + String.join(", ", folders.stream().map(f -> "'" + f.replace("'", "''") + "'").toList()) + "); "
                + "$all = @(Get-CimInstance Win32_Process); "
                + "function Stop-Tree($id) { $all | Where-Object { $_.ParentProcessId -eq $id } | ForEach-Object { Stop-Tree $_.ProcessId }; "
                + "Stop-Process -Id $id -Force -ErrorAction SilentlyContinue }; "
                + "$n = 0; $all | Where-Object { $c = $_.CommandLine; $c -and @($fs | Where-Object { $c.Contains($_) }).Count -gt 0 } | ForEach-Object { Stop-Tree $_.ProcessId; $n++ }; "
                + "Write-Output $n";
    }

    /** PowerShell's {@code -EncodedCommand}: base64 of UTF-16LE, so that no quoting can go wrong. */
    static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** The options every call starts with; {@code user} null for the app server's own Windows account. */
    private static List<String> start(String psexec, String host, String user, String service) {
        List<String> command = new ArrayList<>(List.of(psexec, "\\\\" + host, "-accepteula", "-nobanner", "-h", "-r", service));
        if (user != null) {
            command.addAll(List.of("-u", user));
        }
        return command;
    }

    static String windowsJoin(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    /** A Windows account and its password, for as long as a launch needs it. */
    record Login(String user, char[] password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }
}
