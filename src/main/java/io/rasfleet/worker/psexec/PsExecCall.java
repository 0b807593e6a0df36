package io.rasfleet.worker.psexec;

import io.rasfleet.engine.PlanLaunch;
import io.rasfleet.engine.PlanProcess;
import io.rasfleet.engine.ProcessEnd;
import io.rasfleet.transfer.LocalStaging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One short PsExec command to its end (a session query, a kill): the login is read from the
 * credential store for it, its password given on PsExec's standard input and cleared after; the
 * output is kept in a temporary folder only.
 */
record PsExecCall(ProcessEnd end, String output) {

    /** PsExec's question for the password we answer on its input: not part of the program's output. */
    private static final java.util.regex.Pattern PASSWORD_PROMPT = java.util.regex.Pattern.compile("\\A\\s*Password:[ \\t]*");

    /** The number a script printed (a count) on a line of its own, PsExec's lines around it aside; 0 when none. */
    int printedNumber() {
        return output.lines().map(String::strip).filter(line -> line.matches("\\d{1,9}")).mapToInt(Integer::parseInt).findFirst()
                .orElse(0);
    }

    /** {@code command} makes the argument list for the account's user name (null: the app server's own account). */
    static PsExecCall run(PsExecWorker worker, Function<String, List<String>> command, Duration limit)
            throws IOException, InterruptedException {
        PsExecCommands.Login login = null;
        Path folder = Files.createTempDirectory("rasfleet-psexec-");
        try {
            login = worker.login();
            Path log = folder.resolve("psexec.log");
            ProcessEnd end;
            PlanLaunch launch = PlanLaunch.of(command.apply(login == null ? null : login.user()), folder, limit, log);
            if (login != null) {
                launch = launch.withInput(PsExecCommands.password(login.password()));
            }
            try (PlanProcess process = PlanProcess.start(launch)) {
                end = process.await();
            }
            String output = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            return new PsExecCall(end, login == null ? output : PASSWORD_PROMPT.matcher(output).replaceFirst(""));
        } finally {
            if (login != null) {
                Arrays.fill(login.password(), '\0');
            }
            LocalStaging.deleteQuietly(folder);
        }
    }
}
