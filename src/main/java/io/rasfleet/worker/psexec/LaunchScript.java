package io.rasfleet.worker.psexec;

/**
 * The batch file a plan's launch runs on the machine ({@code cmd.exe /c .\.rasfleet-run.cmd <exit file>},
 * in the attempt's folder): Ras.exe, waited for, then its exit code written to the exit file by a
 * rename. The code then outlives the local PsExec that waits for it and the app server that started
 * that PsExec: a server that comes back reads it on the share ({@link PsExecPlan#adopt}). The exit
 * file's path is the batch's argument so that {@code cmd.exe}'s command line names the attempt's
 * folder, as the kill and wait scripts select a plan's processes by it.
 */
final class LaunchScript {

    static final String NAME = ".rasfleet-run.cmd";
    static final String EXIT_FILE = ".rasfleet-exit";

    private LaunchScript() {
    }

    /** The batch text, CRLF lines; each path is quoted whole and a {@code %} in it doubled (batch files expand it). */
    static String text(String rasExe, String projectFile, String planFile) {
        return String.join("\r\n",
                "@echo off",
                "rem rasfleet: HEC-RAS for this attempt; its exit code goes to the file named by the argument, through a rename",
                quoted(rasExe) + " -c " + quoted(projectFile) + " " + quoted(planFile),
                "set RASFLEET_EXIT=%ERRORLEVEL%",
                // the redirection first: "echo 1> file" would redirect handle 1 and write no code
                ">\"%~1.part\" echo %RASFLEET_EXIT%",
                "move /y \"%~1.part\" \"%~1\" >nul",
                "exit /b %RASFLEET_EXIT%",
                "");
    }

    private static String quoted(String path) {
        return "\"" + path.replace("%", "%%") + "\"";
    }

    /** The exit code an exit file holds; null when it holds none (cut short, or not ours). */
    static Integer exitCode(String text) {
        String code = text == null ? "" : text.strip();
        return code.matches("-?\\d{1,10}") ? Integer.valueOf((int) Long.parseLong(code)) : null;
    }
}
