package io.rasfleet.worker.psexec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.worker.WorkerConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsExecCommandsTest {

    @Test
    void launchIsOneArgumentListWithSessionPriorityAndFolderAndPathsWithSpacesStayWhole() {
        List<String> command = PsExecCommands.launch("C:\\PSTools\\PsExec64.exe", "ras-pc", null, "RasRemote_01_1_run4_alpha", 2,
                ProcessPriority.LOW, "D:\\Ras Share (x86)\\rasfleet\\run-4\\p01-a1");
        assertEquals(List.of("C:\\PSTools\\PsExec64.exe", "\\\\ras-pc", "-accepteula", "-nobanner", "-h", "-r",
                "RasRemote_01_1_run4_alpha", "-i", "2", "-low", "-w", "D:\\Ras Share (x86)\\rasfleet\\run-4\\p01-a1",
                "cmd.exe", "/c", ".\\.rasfleet-run.cmd", "D:\\Ras Share (x86)\\rasfleet\\run-4\\p01-a1\\.rasfleet-exit"), command);
        List<String> normal = PsExecCommands.launch("psexec", "h", null, "s", 1, ProcessPriority.NORMAL, "C:\\w");
        assertTrue(!normal.contains("-low") && !normal.contains("-belownormal"), normal.toString());
        assertTrue(PsExecCommands.launch("psexec", "h", null, "s", 1, ProcessPriority.BELOW_NORMAL, "C:\\w").contains("-belownormal"));
    }

    /** The launch script quotes each path whole, doubles a {@code %} (a batch file expands it), and keeps Ras.exe's code by a rename. */
    @Test
    void theLaunchScriptRunsRasWithWholePathsAndKeepsItsExitCodeByARename() {
        String text = LaunchScript.text("C:\\Program Files (x86)\\HEC\\HEC-RAS\\6.6\\Ras.exe", "D:\\Share\\p01-a1\\My 100% Model.prj",
                "D:\\Share\\p01-a1\\My 100% Model.p01");
        assertTrue(text.contains("\r\n\"C:\\Program Files (x86)\\HEC\\HEC-RAS\\6.6\\Ras.exe\" -c \"D:\\Share\\p01-a1\\My 100%% Model.prj\""
                + " \"D:\\Share\\p01-a1\\My 100%% Model.p01\"\r\nset RASFLEET_EXIT=%ERRORLEVEL%\r\n"), text);
        assertTrue(text.contains("\r\n>\"%~1.part\" echo %RASFLEET_EXIT%\r\nmove /y \"%~1.part\" \"%~1\" >nul\r\nexit /b %RASFLEET_EXIT%\r\n"),
                text);
        assertEquals(0, LaunchScript.exitCode("0 \r\n"));
        assertEquals(-1073741819, LaunchScript.exitCode("-1073741819\r\n"));
        assertNull(LaunchScript.exitCode("ECHO is off.\r\n"), "not a code: none");
        assertNull(LaunchScript.exitCode(""));
    }

    @Test
    void theUserGoesRightAfterTheServiceAndThePasswordOnlyToPsExecsInput() throws Exception {
        PsExecCommands.Login login = new PsExecCommands.Login("CORP\\ras", "s3cret-\u00e9".toCharArray());
        List<String> command = PsExecCommands.launch("psexec", "h", login.user(), "RasRemote_01_2_run9_alpha", 1,
                ProcessPriority.NORMAL, "C:\\w");
        assertEquals(List.of("psexec", "\\\\h", "-accepteula", "-nobanner", "-h", "-r", "RasRemote_01_2_run9_alpha", "-u",
                "CORP\\ras", "-i", "1"), command.subList(0, 11));
        assertTrue(command.stream().noneMatch(word -> word.contains("s3cret")), command.toString());
        java.io.ByteArrayOutputStream stdin = new java.io.ByteArrayOutputStream();
        PsExecCommands.password(login.password()).writeTo(stdin);
        assertEquals("s3cret-\u00e9\r\n", stdin.toString(StandardCharsets.UTF_8), "one line, as PsExec's prompt reads it");
        assertEquals("Login[CORP\\ras]", login.toString());
        for (List<String> call : List.of(PsExecCommands.killTree("psexec", "h", "u", List.of("C:\\w")),
                PsExecCommands.waitWhileWorking("psexec", "h", "u", List.of("C:\\w")),
                PsExecCommands.countWorking("psexec", "h", "u", List.of("C:\\w")),
                PsExecCommands.querySession("psexec", "h", "u"), PsExecCommands.listVersions("psexec", "h", "u", "C:\\HEC"))) {
            assertEquals(List.of("-h", "-r"), call.subList(4, 6), call.toString());
            assertEquals(List.of("-u", "u"), call.subList(7, 9), call.toString());
            assertTrue(!call.contains("-p"), call.toString());
        }
    }

    @Test
    void everyLaunchAndCallHasAPsExecServiceNameOfItsOwn() {
        io.rasfleet.worker.AttemptRef attempt = new io.rasfleet.worker.AttemptRef("alpha", 7, "p03-a2");
        assertEquals("RasRemote_03_2_run7_alpha", PsExecCommands.launchService(attempt, "03"));
        assertEquals("RasRemote_03_2_run8_alpha", PsExecCommands.launchService(new io.rasfleet.worker.AttemptRef("alpha", 8, "p03-a2"),
                "03"), "another run's launch of the same plan");
        assertTrue(PsExecCommands.launchService(new io.rasfleet.worker.AttemptRef("beta", 7, "p03-a2"), "03").endsWith("_beta"));
        java.util.Set<String> calls = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = PsExecCommands.callService("kill");
            assertTrue(name.startsWith("RasRemote_kill_") && name.length() <= 80, name);
            calls.add(name);
        }
        assertEquals(1000, calls.size(), "each call its own service");
    }

    @Test
    void killScriptNamesThePlanFoldersQuotedForPowerShellAndTravelsEncoded() {
        List<String> command = PsExecCommands.killTree("psexec", "h", null, List.of("C:\\Share\\it's\\p01-a1", "C:\\Share\\p02-a1"));
        assertEquals(List.of("psexec", "\\\\h", "-accepteula", "-nobanner", "-h", "-r"), command.subList(0, 6));
        assertEquals(List.of("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand"), command.subList(7, 11));
        String script = new String(Base64.getDecoder().decode(command.get(11)), StandardCharsets.UTF_16LE);
        assertTrue(script.startsWith("$fs = @('C:\\Share\\it''s\\p01-a1', 'C:\\Share\\p02-a1'); "), script);
        assertTrue(script.contains("Stop-Process -Id $id -Force") && script.endsWith("Write-Output $n"), script);
    }

    @Test
    void versionListingQuotesTheRootForPowerShellAndReadsOnlyItsOwnLines() {
        assertTrue(PsExecCommands.versionsScript("C:\\O'Brien\\HEC").startsWith("$r = 'C:\\O''Brien\\HEC'; "));
        assertEquals(List.of("6.5", "6.7 Beta 5"), PsExecCommands.versionFolders("RASVERSION 6.7 Beta 5\r\nRASVERSION 6.5\r\n"
                + "powershell exited on pc with error code 0.\r\n"));
    }

    @Test
    void uncPathsMapToTheSharesLocalFolderAndMappedDrivesAreRefused() {
        UncPath share = UncPath.parse("w", "\\\\ras-pc\\RasRemote\\jobs");
        assertEquals("ras-pc", share.host());
        assertEquals("RasRemote", share.share());
        assertEquals("jobs\\rasfleet\\run-1", share.inShare("rasfleet/run-1"));
        assertEquals("C:\\RasRemote", share.defaultLocalPath());
        assertEquals("\\\\ras-pc\\RasRemote\\jobs", share.toString());
        WorkerConfigException drive = assertThrows(WorkerConfigException.class, () -> UncPath.parse("w", "Z:\\RasRemote"));
        assertTrue(drive.getMessage().contains("mapped drive") && drive.getMessage().contains("UNC"), drive.getMessage());
        assertThrows(WorkerConfigException.class, () -> UncPath.parse("w", "\\\\only-host"));
        assertThrows(WorkerConfigException.class, () -> UncPath.parse("w", "\\\\h\\S\\..\\other"));
    }

    @Test
    void psexecsOwnFailuresSayWhichSettingToFixAndTheProgramsOwnExitIsLeftToTheVerdict() {
        assertTrue(PsExecErrors.explain(1326, "Couldn't access h:\nLogon failure: the user name or password is incorrect.")
                .contains("credential_alias"));
        assertTrue(PsExecErrors.explain(53, "Couldn't access nohost:\nThe network path was not found.").contains("hostname"));
        assertTrue(PsExecErrors.explain(5, "Couldn't access h:\nAccess is denied.").contains("administrator"));
        assertTrue(PsExecErrors.explain(6, "Error establishing communication with PsExec service on h:\nThe handle is invalid.")
                .contains("session_id"));
        assertTrue(PsExecErrors.explain(2, "PsExec could not start C:\\HEC\\Ras.exe on h:\nThe system cannot find the file"
                + " specified.").contains("ras_exe_path"));
        assertTrue(PsExecErrors.explain(1072, "Could not start RasRemote_01_1_run4_alpha service on h:\nThe specified service has"
                + " been marked for deletion.").contains("service name of its own"));
        assertNull(PsExecErrors.explain(3, "Ras.exe exited on h with error code 3."), "HEC-RAS's own exit is judged elsewhere");
        assertNull(PsExecErrors.explain(3, "cmd.exe exited on h with error code 3."), "so is Ras.exe's code as the launch script passes it");
        assertTrue(PsExecErrors.explain(9009, "'C:\\HEC\\Ras.exe' is not recognized as an internal or external command,\noperable"
                + " program or batch file.\ncmd.exe exited on h with error code 9009.").contains("ras_exe_path"),
                "the launch script's cmd.exe could not start Ras.exe");
        assertNull(PsExecErrors.explain(1, ""));
    }
}
