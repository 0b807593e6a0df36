package io.rasfleet.worker.slurm;

import io.rasfleet.engine.RasCommandLines;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.linux.LinuxEnginePlan;
import io.rasfleet.worker.ssh.SshShell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch script of one attempt: the Linux engine's steps as the SSH worker runs them
 * ({@code RasGeomPreprocess} when the geometry is to be preprocessed again, then
 * {@code RasUnsteady}), in the attempt's folder on the shared filesystem or, with {@code scratch},
 * in a node-local copy whose compute messages are copied back every few seconds (the server reads
 * progress from them) and whose compute file comes back at the end with its times kept. The last
 * thing it does is write {@link #EXIT_FILE} ({@code <program> <exit code>}) by rename: a job that
 * left the queue without it did not finish its script, whatever Slurm says of it. On TERM (scancel,
 * the time limit's warning, a node shutting down) and at any exit it ends its step and removes its
 * scratch copy; what a KILL leaves there the server removes ({@link ScratchCleanup}).
 */
final class JobScript {

    /** Where the script says how its last step ended. */
    static final String EXIT_FILE = ".rasfleet-exit";
    /** Touched when the job starts computing: its time is the launch on the cluster's clock. */
    static final String LAUNCH_MARKER = ".rasfleet-launched";
    static final String NAME = "rasfleet-job.sh";
    /** A job's node-local copy is {@code <scratch>/rasfleet-<job id>}: the server removes what a killed job left by that name. */
    static final String SCRATCH_PREFIX = "rasfleet-";
    /** Touched in the attempt's folder once the scratch copy is gone: without it, the server removes the copy itself. */
    static final String SCRATCH_REMOVED = ".rasfleet-scratch-removed";

    private JobScript() {
    }

    /**
     * The script for {@code task} in {@code folder} with the engine in {@code engine};
     * {@code niceness} above 0 lowers the steps' priority, {@code scratch} (or null) is the
     * node-local folder, {@code owner} names the server and attempt in the steps' environment.
     */
    static String text(PlanTask task, String folder, String engine, int niceness, String scratch, String owner) {
        String digits = task.plan().id().digits();
        String geometry = task.plan().geometryDigits();
        String messages = task.projectName() + "." + task.plan().id().extension() + ".computeMsgs.txt";
        String computed = RasCommandLines.tmpHdf(task.projectName(), digits);
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/sh");
        lines.add("# " + owner.replaceAll("[^A-Za-z0-9_./-]", "_") + ": written by rasfleet, one attempt of one plan");
        lines.add("home=" + q(folder));
        lines.add("cd \"$home\" || exit 1");
        lines.add("ended() { printf '%s %s\\n' \"$1\" \"$2\" > " + q(EXIT_FILE + ".part") + " && mv -f " + q(EXIT_FILE + ".part")
                + " " + q(EXIT_FILE) + "; }");
        // the job is submitted with --export=NONE: the engine's variables are set here, not carried over from
        // the app server; a PATH for the script's own commands when the cluster gave the job none
        lines.add(": \"${PATH:=/usr/local/bin:/usr/bin:/bin}\"; export PATH");
        Map<String, String> environment = new TreeMap<>(RasCommandLines.linuxEnvironment(engine));
        environment.put(LinuxEnginePlan.OWNER_VARIABLE, owner);
        environment.forEach((name, value) -> lines.add(name + "=" + q(value) + "; export " + name));
        // TERM comes from scancel, from --signal=B:TERM before the time limit, from a node going down: the
        // step is ended and the scratch copy removed; only KILL (after KillWait) leaves one, for the server
        lines.add("child=; copier=; work=");
        lines.add("tidy() { [ -n \"$child\" ] && kill \"$child\" 2>/dev/null; [ -n \"$copier\" ] && kill \"$copier\" 2>/dev/null;"
                + " if [ -n \"$work\" ]; then cd \"$home\" && rm -rf \"$work\" && touch " + q(SCRATCH_REMOVED) + "; fi; }");
        lines.add("trap tidy EXIT");
        lines.add("trap 'exit 143' TERM INT HUP");
        // a step runs in the background and is awaited: a trapped signal interrupts wait, not a foreground program
        lines.add("step() { \"$@\" & child=$!; wait \"$child\"; code=$?; child=; }");
        lines.add("touch " + q(LAUNCH_MARKER));
        if (scratch != null) {
            lines.add("work=" + q(scratch.replaceAll("/+$", "")) + "/" + SCRATCH_PREFIX + "\"$SLURM_JOB_ID\"");
            lines.add("mkdir -p \"$work\" && cp -R -p . \"$work\"/ || { ended scratch-copy 1; exit 1; }");
            lines.add("cd \"$work\" || { ended scratch-copy 1; exit 1; }");
            lines.add("( while sleep 2; do cp -p " + q(messages) + " \"$home\"/ 2>/dev/null; done ) & copier=$!");
        }
        String nice = niceness > 0 ? "nice -n " + niceness + " " : "";
        lines.add("code=0");
        if (task.forceGeometryPreprocessor() && geometry != null) {
            lines.add("rm -f -- " + q(task.projectName() + ".g" + geometry + ".hdf"));
        }
        if (task.clearGeometryPreprocessor()) {
            lines.add("name=RasGeomPreprocess");
            lines.add("step " + nice + words(RasCommandLines.linuxGeometryPreprocess(engine, task.projectName(), digits, geometry)));
        }
        lines.add("if [ \"$code\" -eq 0 ]; then");
        lines.add("  name=RasUnsteady");
        lines.add("  step " + nice + words(RasCommandLines.linuxUnsteady(engine, task.projectName(), digits, geometry)));
        lines.add("fi");
        if (scratch != null) {
            lines.add("kill \"$copier\" 2>/dev/null; copier=");
            lines.add("cp -p " + q(messages) + " \"$home\"/ 2>/dev/null");
            lines.add("if [ -f " + q(computed) + " ]; then cp -p " + q(computed) + " \"$home\"/ || { ended scratch-copy-back 1; exit 1; }; fi");
            // times kept (-p): the server fetches only those written since the launch
            for (String output : task.geometryOutputs()) {
                lines.add("if [ -f " + q(output) + " ]; then cp -p " + q(output) + " \"$home\"/ || { ended scratch-copy-back 1; exit 1; }; fi");
            }
            lines.add("cd \"$home\" && rm -rf \"$work\" && touch " + q(SCRATCH_REMOVED) + "; work=");
        }
        lines.add("ended \"$name\" \"$code\"");
        lines.add("exit \"$code\"");
        return String.join("\n", lines) + "\n";
    }

    private static String q(String word) {
        return SshShell.quote(word);
    }

    private static String words(List<String> command) {
        return String.join(" ", command.stream().map(JobScript::q).toList());
    }

    /** How the script said its last step ended: the program and its exit code; null when the text is not what it writes. */
    static Exit exit(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 2 || !parts[1].matches("\\d{1,3}")) {
            return null;
        }
        return new Exit(parts[0], Integer.parseInt(parts[1]));
    }

    record Exit(String program, int code) {
    }
}
