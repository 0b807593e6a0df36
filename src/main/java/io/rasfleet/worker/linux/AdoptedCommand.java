package io.rasfleet.worker.linux;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An attempt's programs that a previous life of the app server launched ({@link AttemptScript}),
 * followed by what they leave in the attempt's folder: no connection of this server carries their
 * streams or exit status, so each wait asks the folder ({@link AttemptScript#PROBE}) and the end is
 * the exit file's. Work that ended without one was killed: a machine-side failure.
 */
final class AdoptedCommand implements EngineCommand {

    private final EngineFolder folder;
    private final Map<String, String> environment;
    private volatile AttemptScript.State last;

    AdoptedCommand(EngineFolder folder, Map<String, String> environment) {
        this.folder = folder;
        this.environment = environment;
    }

    /** What the folder shows of the work now. */
    static AttemptScript.State probe(EngineFolder folder, Map<String, String> environment) throws IOException, InterruptedException {
        return ask(folder, environment, AttemptScript.probe(), "probing the attempt's programs");
    }

    private static AttemptScript.State ask(EngineFolder folder, Map<String, String> environment, List<String> words, String what)
            throws IOException, InterruptedException {
        EngineCommand probe = folder.start(words, environment);
        OptionalInt code = probe.waitFor(Duration.ofMinutes(1));
        if (code.isEmpty() || code.getAsInt() != 0) {
            probe.kill();
            throw new IOException(what + " in the working folder on " + folder.host() + " failed: " + probe.output());
        }
        return AttemptScript.State.parse(probe.output());
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws IOException, InterruptedException {
        AttemptScript.State state = probe(folder, environment);
        if (state.kind() == AttemptScript.State.Kind.RUNNING) {
            Thread.sleep(timeout.toMillis());
            state = probe(folder, environment);
        }
        last = state;
        return switch (state.kind()) {
            case RUNNING -> OptionalInt.empty();
            case ENDED -> state.exitCode();
            case GONE, UNLAUNCHED -> throw new IOException("the plan's programs on " + folder.host() + " ended without leaving an"
                    + " exit code: they were killed while the app server was away");
        };
    }

    /** The program that ran last, once the work ended; null before. */
    String endedProgram() {
        AttemptScript.State state = last;
        return state == null ? null : state.program();
    }

    @Override
    public String output() {
        // the programs' output is in the folder's output file, which the plan fetches
        return "";
    }

    @Override
    public void kill() {
        try {
            folder.endLaunched();
        } catch (IOException e) {
            io.rasfleet.log.RasfleetLogger.LOG.notKilled("the adopted attempt's programs", folder.host(), e);
        }
    }
}
