package io.rasfleet.worker.slurm;

import io.rasfleet.worker.WorkerUnreachableException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Slurm's client commands against a controller that may be busy: a command that failed for want
 * of an answer ({@code Socket timed out}, {@code slurm_load_jobs error}, the controller unreachable
 * for a moment) is run again with back-off until {@link #PATIENCE} is spent; only Slurm's own
 * word about a job (or a command that says what is wrong) ends anything. A lost login node is not
 * waited for here: it throws at once, as the worker is lost.
 */
final class ControllerCalls {

    /** How long a busy or restarting controller is waited for before an attempt is given up. */
    static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    /** What Slurm's clients print when the controller did not answer, as opposed to an answer they did not like. */
    private static final Pattern NO_ANSWER = Pattern.compile("Socket timed out|slurm_load_jobs error|slurm_load_node error"
            + "|Unable to contact slurm controller|Connection refused|Connection timed out|Zero Bytes were transmitted"
            + "|Resource temporarily unavailable|Transport endpoint is not connected|communication connection failure"
            + "|backup controller in standby mode|Slurm controller not responding|did not answer within", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOUT_THE_JOB = Pattern.compile("Invalid job id|Invalid user|Access/permission denied",
            Pattern.CASE_INSENSITIVE);

    private final SubmitHost host;
    private final Duration patience;

    ControllerCalls(SubmitHost host, Duration patience) {
        this.host = host;
        this.patience = patience;
    }

    SubmitHost host() {
        return host;
    }

    /** Whether a command's failure, by what it printed, was the controller not answering: worth another try. */
    static boolean noAnswer(String printed) {
        return NO_ANSWER.matcher(printed).find() && !ABOUT_THE_JOB.matcher(printed).find();
    }

    /**
     * Runs {@code command} until it gets an answer (any exit but a controller's silence) or the
     * patience is spent; then the last result, whatever it is.
     */
    SubmitHost.Result run(List<String> command) throws IOException, InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            SubmitHost.Result result = host.run(command, COMMAND_LIMIT);
            if (result.ok() || !noAnswer(result.output()) || !backoff.pause()) {
                return result;
            }
        }
    }

    /** Runs {@code command} as {@link #run} does and gives what it printed on standard output; fails, with what it said, unless it exits 0. */
    String output(List<String> command, String doing) throws IOException, InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                return host.output(command, command.get(0) + " " + doing, COMMAND_LIMIT);
            } catch (WorkerUnreachableException lost) {
                throw lost;
            } catch (IOException e) {
                if (!noAnswer(e.getMessage()) || !backoff.pause()) {
                    throw e;
                }
            }
        }
    }

    /** Pauses of 1, 2, 4 ... up to 30 s between tries, until the patience is spent. */
    private final class Backoff {
        private final Instant deadline = Instant.now().plus(patience);
        private Duration pause = FIRST_PAUSE;

        /** Waits before the next try; false when there is to be none. */
        boolean pause() throws InterruptedException {
            if (Instant.now().plus(pause).isAfter(deadline)) {
                return false;
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            return true;
        }
    }
}
