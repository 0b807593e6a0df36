package io.rasfleet.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lowers a started process's priority class on Windows, where a program cannot be started at a
 * lower priority without a shell. Only the numeric pid and a fixed class name reach PowerShell.
 */
final class WindowsPriority {

    private static final System.Logger LOG = System.getLogger(WindowsPriority.class.getName());

    private WindowsPriority() {
    }

    static void apply(long pid, ProcessPriority priority) {
        List<String> command = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
                "(Get-Process -Id " + pid + ").PriorityClass='" + priority.windowsClass() + "'");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                LOG.log(Level.WARNING, "could not set priority {0} on pid {1}", priority.label(), pid);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not set priority " + priority.label() + " on pid " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
