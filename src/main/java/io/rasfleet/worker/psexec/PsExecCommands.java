package io.rasfleet.worker.psexec;

import io.rasfleet.engine.ProcessPriority;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PsExec's command lines as argument lists: HEC-RAS in the user's desktop session, and the end of
 * a plan's remote process tree. A password, when one is configured, can only reach PsExec as its
 * {@code -p} argument: that argument list is never logged (Windows authentication, without
 * {@code username}, keeps it off the command line altogether).
 */
final class PsExecCommands {

    private PsExecCommands() {
    }

    /** {@code PsExec \\host -accepteula -nobanner [-u user -p pw] -i <session> [-low|-belownormal] -w <folder> <Ras.exe> -c <prj> <plan>} */
    static List<String> launch(String psexec, String host, Login login, int session, ProcessPriority priority, String folder,
            String rasExe, String projectFile, String planFile) {
        List<String> command = start(psexec, host, login);
        command.add("-i");
        command.add(Integer.toString(session));
        switch (priority) {
            case LOW -> command.add("-low");
            case BELOW_NORMAL -> command.add("-belownormal");
            case NORMAL -> {
            }
        }
        command.addAll(List.of("-w", folder, rasExe, "-c", windowsJoin(folder, projectFile), windowsJoin(folder, planFile)));
        return command;
    }

    /**
     * Ends every process on the machine whose command line names {@code folder} (a plan's own working
     * folder: its Ras.exe and the compute programs it starts), children first.
     */
    static List<String> killTree(String psexec, String host, Login login, String folder) {
        List<String> command = start(psexec, host, login);
        command.addAll(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded(killScript(folder))));
        return command;
    }

    /** The folders under an install root that hold {@code Ras.exe}, one {@code RASVERSION <name>} line each. */
    static List<String> listVersions(String psexec, String host, Login login, String root) {
        List<String> command = start(psexec, host, login);
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
    static List<String> querySession(String psexec, String host, Login login) {
        List<String> command = start(psexec, host, login);
        command.addAll(List.of("query", "session"));
        return command;
    }

    static String killScript(String folder) {
        return "$f = '" + folder.replace("'", "''") + "'; "
                + "$all = @(Get-CimInstance Win32_Process); "
                + "function Stop-Tree($id) { $all | Where-Object { $_.ParentProcessId -eq $id } | ForEach-Object { Stop-Tree $_.ProcessId }; "
                + "Stop-Process -Id $id -Force -ErrorAction SilentlyContinue }; "
                + "$n = 0; $all | Where-Object { $_.CommandLine -and $_.CommandLine.Contains($f) } | ForEach-Object { Stop-Tree $_.ProcessId; $n++ }; "
                + "Write-Output $n";
    }

    /** PowerShell's {@code -EncodedCommand}: base64 of UTF-16LE, so that no quoting can go wrong. */
    static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    private static List<String> start(String psexec, String host, Login login) {
        List<String> command = new ArrayList<>(List.of(psexec, "\\\\" + host, "-accepteula", "-nobanner"));
        if (login != null) {
            command.addAll(List.of("-u", login.user(), "-p", new String(login.password())));
        }
        return command;
    }

    static String windowsJoin(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    /** A Windows account and its password, for as long as a command line is made. */
    record Login(String user, char[] password) {
        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }
}
