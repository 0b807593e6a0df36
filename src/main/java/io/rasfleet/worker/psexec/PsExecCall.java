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
 * credential store for it and cleared after, its output is kept in a temporary folder only.
 */
record PsExecCall(ProcessEnd end, String output) {

    static PsExecCall run(PsExecWorker worker, Function<PsExecCommands.Login, List<String>> command, Duration limit)
            throws IOException, InterruptedException {
        PsExecCommands.Login login = null;
        Path folder = Files.createTempDirectory("rasfleet-psexec-");
        try {
            login = worker.login();
            Path log = folder.resolve("psexec.log");
            ProcessEnd end;
            try (PlanProcess process = PlanProcess.start(PlanLaunch.of(command.apply(login), folder, limit, log))) {
                end = process.await();
            }
            return new PsExecCall(end, Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "");
        } finally {
            if (login != null) {
                Arrays.fill(login.password(), '\0');
            }
            LocalStaging.deleteQuietly(folder);
        }
    }
}
