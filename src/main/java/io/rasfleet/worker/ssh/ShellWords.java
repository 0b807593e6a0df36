package io.rasfleet.worker.ssh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Command lines for the remote user's POSIX shell, which sshd hands every command to: each
 * argument single-quoted, so that no path, plan or project name can become a word of its own.
 */
final class ShellWords {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellWords() {
    }

    static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a remote command");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }

    /**
     * Runs {@code command} in {@code folder} with {@code environment} added, after printing
     * {@code rasfleet-pid <pid>}: the program takes the shell's pid through {@code exec}, and sshd
     * made that shell a process group leader, so the pid names the whole tree for a later kill.
     */
    static String launch(String folder, Map<String, String> environment, List<String> command) {
        StringBuilder env = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not an environment variable name");
            }
            env.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
        }
        return "cd " + quote(folder) + " && echo rasfleet-pid $$ && exec env" + env + " " + join(command);
    }
}
