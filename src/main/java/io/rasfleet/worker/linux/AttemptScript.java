package io.rasfleet.worker.linux;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The launch of an attempt's programs on a Linux worker as one POSIX shell script, made so that the
 * work outlives the app server and can be found again by what it leaves in the attempt's folder:
 * its pid ({@link #PID_FILE}), its output ({@link #OUTPUT_FILE}, not the connection's stream, so
 * that a connection that drops with a dead server never breaks a pipe the engine writes to), and,
 * when the last program has ended, its exit code and name ({@link #EXIT_FILE}, written by rename:
 * a reader sees it whole or not at all). Hang-ups are ignored, so the end of the SSH session that
 * launched it is no signal to it. The programs run one after the other, each only when the one
 * before exited 0, as HEC's own scripts chain {@code RasGeomPreprocess} and {@code RasUnsteady}.
 */
public final class AttemptScript {

    /** The launching shell's pid: the process group leader on an SSH host, where sshd made it one. */
    public static final String PID_FILE = ".rasfleet-pid";
    /** What the programs printed. */
    public static final String OUTPUT_FILE = ".rasfleet-output";
    /** {@code <exit code> <program>} of the last program that ran, once it ended. */
    public static final String EXIT_FILE = ".rasfleet-exit";

    /**
     * Run as {@code sh -c PROBE} in the attempt's folder: prints {@code ended <code> <program>} once
     * the exit file is there, {@code running} while the launching shell lives in this folder (its
     * pid checked against its working folder, as a pid may have been reused), {@code gone} when it
     * ended without leaving an exit code (killed), {@code unlaunched} when nothing was launched.
     * The exit file is looked at again after the liveness check: the work may end in between.
     */
    static final String PROBE = "if [ -f " + EXIT_FILE + " ]; then echo \"ended $(cat " + EXIT_FILE + ")\"; exit 0; fi; "
            + "if p=$(cat " + PID_FILE + " 2>/dev/null) && [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null "
            + "&& [ \"$(cd /proc/$p/cwd 2>/dev/null && pwd -P)\" = \"$(pwd -P)\" ]; then echo running; "
            + "elif [ -f " + EXIT_FILE + " ]; then echo \"ended $(cat " + EXIT_FILE + ")\"; "
            + "elif [ -f " + PID_FILE + " ]; then echo gone; else echo unlaunched; fi";

    /**
     * Run as {@code sh -c KILL} in the attempt's folder on a host where the launching shell leads
     * its process group: kills the group, once the pid is checked to work in this folder.
     */
    public static final String KILL = "p=$(cat " + PID_FILE + " 2>/dev/null) && [ -n \"$p\" ] "
            + "&& [ \"$(cd /proc/$p/cwd 2>/dev/null && pwd -P)\" = \"$(pwd -P)\" ] "
            + "&& { kill -KILL -\"$p\" 2>/dev/null || kill -KILL \"$p\"; }; exit 0";

    private AttemptScript() {
    }

    /** The words that run {@code steps} (each a program and its arguments) as described above, exiting with the last one's code. */
    public static List<String> launch(List<List<String>> steps) {
        StringBuilder script = new StringBuilder("echo $$ > " + PID_FILE + ".part && mv -f " + PID_FILE + ".part " + PID_FILE
                + " || exit 125; trap '' HUP; exec </dev/null >" + OUTPUT_FILE + " 2>&1; c=0");
        for (int i = 0; i < steps.size(); i++) {
            List<String> step = steps.get(i);
            String program = step.get(0).substring(step.get(0).lastIndexOf('/') + 1);
            script.append(i == 0 ? "; " : "; [ $c = 0 ] && ").append("{ p=").append(quote(program)).append("; ");
            for (String word : step) {
                script.append(quote(word)).append(' ');
            }
            script.append("; c=$?; }");
        }
        script.append("; echo \"$c $p\" > " + EXIT_FILE + ".part && mv -f " + EXIT_FILE + ".part " + EXIT_FILE + "; exit $c");
        return List.of("sh", "-c", script.toString());
    }

    /** The words that print what {@link #PROBE} prints. */
    static List<String> probe() {
        return List.of("sh", "-c", PROBE);
    }

    /** What a probe or the exit file said, read. */
    record State(Kind kind, OptionalInt exitCode, String program) {

        enum Kind { RUNNING, ENDED, GONE, UNLAUNCHED }

        /** The probe's answer; a line of no known shape is refused, quoted. */
        static State parse(String said) throws java.io.IOException {
            String line = said.strip();
            String[] lines = line.split("\\R");
            line = lines[lines.length - 1].strip();
            switch (line) {
                case "running":
                    return new State(Kind.RUNNING, OptionalInt.empty(), null);
                case "gone":
                    return new State(Kind.GONE, OptionalInt.empty(), null);
                case "unlaunched":
                    return new State(Kind.UNLAUNCHED, OptionalInt.empty(), null);
                default:
                    break;
            }
            Optional<State> ended = line.startsWith("ended ") ? exit(line.substring("ended ".length())) : Optional.empty();
            return ended.orElseThrow(() -> new java.io.IOException("the attempt's probe answered '" + said.strip() + "'"));
        }

        /** The exit file's {@code <code> <program>}; empty when it is not of that shape. */
        static Optional<State> exit(String text) {
            String[] words = text.strip().split(" ", 2);
            if (words.length != 2 || !words[0].matches("\\d{1,3}")) {
                return Optional.empty();
            }
            return Optional.of(new State(Kind.ENDED, OptionalInt.of(Integer.parseInt(words[0])), words[1].strip()));
        }
    }

    private static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a program");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
