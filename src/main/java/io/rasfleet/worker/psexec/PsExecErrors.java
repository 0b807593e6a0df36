package io.rasfleet.worker.psexec;

import java.util.List;
import java.util.Locale;

/**
 * What PsExec's own failures mean for the user: which setting to fix. PsExec ends with the Windows
 * error code of its failure (and prints its text), or with the remote program's exit code.
 */
final class PsExecErrors {

    private record Known(int code, String text, String advice) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known(1326, "user name or password is incorrect", "logon failure: check username and the password under"
                    + " credential_alias (or leave both out to use the app server's Windows account)"),
            new Known(53, "network path was not found", "the machine or its admin$ share cannot be reached: check hostname, that"
                    + " the machine is on, and that File and Printer Sharing is allowed through its firewall"),
            new Known(67, "network name cannot be found", "the machine answers but has no admin$ share: PsExec needs it (enable"
                    + " the administrative shares)"),
            new Known(5, "access is denied", "access denied: the account is not an administrator of the machine, or UAC"
                    + " filters remote local accounts (LocalAccountTokenFilterPolicy); check username and credential_alias"),
            new Known(1385, "logon type has not been granted", "the account may not log on to the machine this way: check its"
                    + " user rights or use another account (username)"),
            new Known(6, "handle is invalid", "the desktop session is not there: check session_id against the machine's active"
                    + " sessions (query session)"),
            new Known(2, "cannot find the file specified", "HEC-RAS was not found on the machine: check ras_exe_path"),
            new Known(3, "cannot find the path specified", "the working folder was not found on the machine: check worker_folder"
                    + " (the share's local path there) and share_path"),
            new Known(1460, "timeout period expired", "PsExec could not reach the machine's service in time: check the network"
                    + " and the machine's load"),
            new Known(1072, "marked for deletion", "the machine still holds a PsExec service of that name that is being"
                    + " removed: rasfleet gives every launch a service name of its own (-r RasRemote_...), so another tool's"
                    + " PsExec (without -r, the shared PSEXESVC) was starting or ending there at the same moment; the plan is"
                    + " retried; if it keeps failing, end the leftover service on the machine (sc delete <name>, or reboot it)"),
            new Known(1311, "no logon servers available", "the domain cannot check the account: check the domain controller or"
                    + " use a local account"));

    private static final java.util.regex.Pattern PROGRAM_EXIT = java.util.regex.Pattern.compile(
            "exited (on \\S+ )?with error code -?\\d+");

    private static final String NOT_A_COMMAND = "is not recognized as an internal or external command";

    private PsExecErrors() {
    }

    /**
     * The advice for a PsExec failure seen as {@code exitCode} and its output, or null when it looks
     * like the program's own end (HEC-RAS exiting, which the verdict judges).
     */
    static String explain(int exitCode, String output) {
        String said = output == null ? "" : output.toLowerCase(Locale.ROOT);
        if (said.contains(NOT_A_COMMAND)) {
            // the launch script's cmd.exe could not start Ras.exe: cmd's words, then "cmd.exe exited ... 9009"
            return "HEC-RAS was not found on the machine: check ras_exe_path (cmd: " + NOT_A_COMMAND + ", code " + exitCode + ")";
        }
        if (PROGRAM_EXIT.matcher(said).find()) {
            // "Ras.exe exited on HOST with error code 3.": the program ran and ended; its end is the verdict's
            return null;
        }
        boolean psexecSpoke = said.contains("couldn't access") || said.contains("could not start")
                || said.contains("error establishing communication") || said.contains("psexec could not");
        for (Known known : KNOWN) {
            if (said.contains(known.text)) {
                return known.advice + " (PsExec: " + known.text + ", code " + exitCode + ")";
            }
        }
        for (Known known : KNOWN) {
            if (known.code == exitCode && psexecSpoke) {
                return known.advice + " (PsExec exit code " + exitCode + ")";
            }
        }
        return null;
    }
}
