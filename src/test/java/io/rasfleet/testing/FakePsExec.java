package io.rasfleet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for PsExec, which cannot run here: it reads its argument list as PsExec would
 * ({@code \\host}, options, then the program and its arguments), answers PsExec's own failures with
 * its exit codes and words (unknown host 53, wrong password 1326, no such session 6), and runs the
 * program "on the remote machine": here, with Windows paths mapped to local ones, detached from
 * itself the way a remote Ras.exe is from the local PsExec: ending this process, by a kill -9 or a
 * signal, leaves it running, as ending PsExec's client (or the app server that started it) leaves
 * the program it started on the machine; a SIGINT plays PsExec's Ctrl+C, which ends that program
 * (that process alone: a {@code cmd.exe}'s Ras.exe computes on) before PsExec exits.
 * It knows these programs: a mapped program (Ras.exe), {@code cmd.exe /c .\<script> <argument>}
 * running the lines of rasfleet's launch script (as sh), {@code query session}, and the PowerShell
 * scripts rasfleet sends to end, count and wait for a plan's processes and to list the HEC-RAS
 * versions under an install folder. Configured by a properties file (first argument).
 * <p>
 * As PsExec does, it asks for the password of {@code -u} on its standard input when {@code -p} is
 * left out, and refuses a wrong one. It insists on what rasfleet's launches must carry: {@code -h}
 * (the account's elevated token) and a service name of the launch's own ({@code -r}): a name a live
 * launch on the machine holds (the default {@code PSEXESVC} included) fails as on Windows, "marked
 * for deletion". It records every argument list as it got it, so that a test can look for a
 * password there.
 */
public final class FakePsExec {

    private static final Pattern FOLDERS = Pattern.compile("\\$fs = @\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern ROOT = Pattern.compile("\\$r = '((?:[^']|'')*)'");

    private FakePsExec() {
    }

    /** A launcher script for {@code psexec_path}, running this class from the test class path with {@code config}. */
    public static Path launcher(Path folder, Path config) throws IOException {
        Files.createDirectories(folder);
        Path launcher = folder.resolve("PsExec");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // SIGINT plays a Ctrl+C: a build started in the background (a non-interactive shell's "&") gives its
        // processes SIGINT ignored, which a JVM cannot undo, so it is set back to its default here
        Files.writeString(launcher, "#!/bin/sh\nexec env --default-signal=INT '" + javaBin + "' -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + FakePsExec.class.getName() + " '" + config + "' \"$@\"\n");
        Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            config.load(in);
        }
        // the machine's service table: one per configured machine, beside its configuration
        config.putIfAbsent("services", Path.of(args[0]).toAbsolutePath().resolveSibling("psexec-services").toString());
        List<String> argv = List.of(args).subList(1, args.length);
        record(config, argv);
        if (argv.isEmpty() || !argv.get(0).startsWith("\\\\")) {
            System.err.println("PsExec: the first argument must be \\\\computer");
            return 1;
        }
        if (!argv.get(0).substring(2).equalsIgnoreCase(config.getProperty("host"))) {
            System.err.println("Couldn't access " + argv.get(0).substring(2) + ":\nThe network path was not found.");
            return 53;
        }
        Map<String, String> options = new LinkedHashMap<>();
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String option = argv.get(i).toLowerCase();
            switch (option) {
                case "-accepteula", "-nobanner", "-low", "-belownormal", "-d", "-h" -> options.put(option, "");
                case "-i", "-w", "-u", "-p", "-r" -> {
                    if (i + 1 >= argv.size()) {
                        System.err.println("PsExec: " + option + " needs a value");
                        return 1;
                    }
                    options.put(option, argv.get(++i));
                }
                case "-s" -> {
                    System.err.println("fake PsExec: -s starts programs as SYSTEM, without a desktop: rasfleet must never ask that");
                    return 1;
                }
                default -> {
                    System.err.println("PsExec: unknown option " + argv.get(i));
                    return 1;
                }
            }
            i++;
        }
        if (!options.containsKey("-accepteula")) {
            System.err.println("PsExec is waiting for its license to be accepted (-accepteula)");
            return 1;
        }
        if (!options.containsKey("-h")) {
            System.err.println("fake PsExec: rasfleet launches with -h (the account's elevated token, where it has one)");
            return 1;
        }
        String user = config.getProperty("user");
        String password = options.containsKey("-u") && !options.containsKey("-p") ? prompted() : options.get("-p");
        if (user != null && (!user.equals(options.get("-u")) || !config.getProperty("password", "").equals(password))) {
            System.err.println("Couldn't access " + config.getProperty("host") + ":\nLogon failure: the user name or password is"
                    + " incorrect.");
            return 1326;
        }
        Path service = serviceClaim(config, options.getOrDefault("-r", "PSEXESVC"));
        if (service == null) {
            System.err.println("Could not start " + options.getOrDefault("-r", "PSEXESVC") + " service on "
                    + config.getProperty("host") + ":\nThe specified service has been marked for deletion.");
            return 1072;
        }
        try {
            return program(config, argv, options, i);
        } finally {
            Files.deleteIfExists(service);
        }
    }

    /** PsExec's prompt for a password left out of {@code -p}: one line of its standard input. */
    private static String prompted() throws IOException {
        System.err.print("Password: ");
        System.err.flush();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = System.in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * The service name, claimed for this launch in the config's {@code services} folder (the
     * machine's service table); null while a live launch holds it. A claim whose launch died is stale.
     */
    private static Path serviceClaim(Properties config, String name) throws IOException {
        Path services = Path.of(config.getProperty("services"));
        Files.createDirectories(services);
        Path claim = services.resolve(config.getProperty("host") + "-" + name.toLowerCase(java.util.Locale.ROOT));
        String me = Long.toString(ProcessHandle.current().pid());
        for (int tries = 0; tries < 2; tries++) {
            try {
                Files.writeString(claim, me, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return claim;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                String holder;
                try {
                    holder = Files.readString(claim).strip();
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (!holder.isEmpty() && ProcessHandle.of(Long.parseLong(holder)).isPresent()) {
                    return null;
                }
                Files.deleteIfExists(claim);
            }
        }
        return null;
    }

    private static int program(Properties config, List<String> argv, Map<String, String> options, int i) throws Exception {
        if (i >= argv.size()) {
            System.err.println("PsExec: no program to run");
            return 1;
        }
        List<String> program = argv.subList(i, argv.size());
        if (program.get(0).equalsIgnoreCase("query") && program.size() == 2 && program.get(1).equalsIgnoreCase("session")) {
            System.out.println(" SESSIONNAME       USERNAME                 ID  STATE   TYPE        DEVICE");
            for (String session : config.getProperty("sessions", "").split(",")) {
                String[] parts = session.split(":");
                System.out.println((parts[1].equals("Active") ? ">" : " ") + "console           engineer" + String.format("%18s",
                        parts[0]) + "  " + parts[1]);
            }
            return 0;
        }
        if (program.get(0).equalsIgnoreCase("powershell")) {
            return powershell(config, program);
        }
        String session = options.get("-i");
        if (session == null || !config.getProperty("sessions", "").contains(session + ":Active")) {
            System.err.println("Error establishing communication with PsExec service on " + config.getProperty("host")
                    + ":\nThe handle is invalid.");
            return 6;
        }
        String folder = options.get("-w");
        Path cwd = folder == null ? Path.of("/") : map(config, folder);
        if (!Files.isDirectory(cwd)) {
            System.err.println("PsExec could not start " + program.get(0) + ":\nThe system cannot find the path specified.");
            return 3;
        }
        if (program.get(0).equalsIgnoreCase("cmd.exe")) {
            return batch(config, cwd, program, nice(options));
        }
        List<String> command = new ArrayList<>(nice(options));
        Path executable = map(config, program.get(0));
        if (!Files.isExecutable(executable)) {
            System.err.println("PsExec could not start " + program.get(0) + " on " + config.getProperty("host")
                    + ":\nThe system cannot find the file specified.");
            return 2;
        }
        command.add(executable.toString());
        for (String arg : program.subList(1, program.size())) {
            command.add(arg.contains(":\\") ? map(config, arg).toString() : arg);
        }
        return detached(cwd, command, program.get(0).substring(program.get(0).lastIndexOf('\\') + 1), config.getProperty("host"));
    }

    private static List<String> nice(Map<String, String> options) {
        return options.containsKey("-low") || options.containsKey("-belownormal")
                ? List.of("nice", "-n", options.containsKey("-low") ? "19" : "10") : List.of();
    }

    private static final Pattern SET_ERRORLEVEL = Pattern.compile("(?i)set (\\w+)=%ERRORLEVEL%");
    private static final Pattern ECHO_TO = Pattern.compile("(?i)>\"([^\"]+)\" echo %(\\w+)%");
    private static final Pattern MOVE = Pattern.compile("(?i)move /y \"([^\"]+)\" \"([^\"]+)\" >nul");
    private static final Pattern EXIT = Pattern.compile("(?i)exit /b %(\\w+)%");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    /**
     * {@code cmd.exe /c .\<script> <argument>} in the working folder: the batch's lines of the shapes
     * rasfleet's launch script has (a quoted program and its arguments, {@code set V=%ERRORLEVEL%},
     * {@code >"file" echo %V%}, {@code move /y "a" "b" >nul}, {@code exit /b %V%}, {@code %~1} the
     * argument) run as one sh script, detached as a program is; any other line is refused.
     */
    private static int batch(Properties config, Path cwd, List<String> program, List<String> nice) throws Exception {
        String host = config.getProperty("host");
        if (program.size() != 4 || !program.get(1).equalsIgnoreCase("/c") || !program.get(2).startsWith(".\\")) {
            System.err.println("fake PsExec runs cmd.exe only as /c .\\<script> <argument>: " + program);
            return 1;
        }
        Path script = cwd.resolve(program.get(2).substring(2));
        if (!Files.isRegularFile(script)) {
            return notACommand(program.get(2), host);
        }
        String argument = map(config, program.get(3)).toString();
        StringBuilder sh = new StringBuilder();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            line = line.strip().replace("%~1", argument);
            Matcher m;
            if (line.isEmpty() || line.equalsIgnoreCase("@echo off") || line.regionMatches(true, 0, "rem ", 0, 4)) {
                continue;
            } else if (line.startsWith("\"")) {
                List<String> words = new ArrayList<>();
                for (Matcher word = WORD.matcher(line); word.find(); ) {
                    words.add((word.group(1) != null ? word.group(1) : word.group(2)).replace("%%", "%"));
                }
                Path executable = map(config, words.get(0));
                if (!Files.isExecutable(executable)) {
                    return notACommand(words.get(0), host);
                }
                sh.append(quote(executable.toString()));
                for (String arg : words.subList(1, words.size())) {
                    sh.append(' ').append(quote(arg.contains(":\\") ? map(config, arg).toString() : arg));
                }
                sh.append('\n');
            } else if ((m = SET_ERRORLEVEL.matcher(line)).matches()) {
                sh.append(m.group(1)).append("=$?\n");
            } else if ((m = ECHO_TO.matcher(line)).matches()) {
                sh.append("echo \"$").append(m.group(2)).append("\" > ").append(quote(m.group(1))).append('\n');
            } else if ((m = MOVE.matcher(line)).matches()) {
                sh.append("mv -f ").append(quote(m.group(1))).append(' ').append(quote(m.group(2))).append('\n');
            } else if ((m = EXIT.matcher(line)).matches()) {
                sh.append("exit \"$").append(m.group(1)).append("\"\n");
            } else {
                System.err.println("fake cmd.exe does not know this line of " + script + ": " + line);
                return 1;
            }
        }
        List<String> command = new ArrayList<>(nice);
        command.addAll(List.of("sh", "-c", sh.toString()));
        return detached(cwd, command, "cmd.exe", host);
    }

    /** cmd's words for a program it cannot find, and its code, as PsExec passes them on. */
    private static int notACommand(String name, String host) {
        System.out.println("'" + name + "' is not recognized as an internal or external command,\noperable program or batch file.");
        System.out.println("cmd.exe exited on " + host + " with error code 9009.");
        return 9009;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs {@code command} outside this process's tree and waits for its exit code through a file. */
    private static int detached(Path cwd, List<String> command, String name, String host) throws IOException, InterruptedException {
        Path exit = Files.createTempFile("fake-psexec-", ".exit");
        Files.delete(exit);
        Path pid = Path.of(exit + ".pid");
        List<String> wrapped = new ArrayList<>(List.of("setsid", "-f", "sh", "-c",
                "echo $$ > \"$0.pid\"; \"$@\"; echo $? > \"$0.part\"; mv \"$0.part\" \"$0\"", exit.toString()));
        wrapped.addAll(command);
        Process starter = new ProcessBuilder(wrapped).directory(cwd.toFile()).inheritIO().start();
        starter.waitFor();
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), ctrlC -> {
            // PsExec's Ctrl+C: it ends the program it started on the machine, that process alone (its
            // children, Ras.exe below cmd.exe, compute on), then exits
            try {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(wrapper -> wrapper.children()
                        .forEach(ProcessHandle::destroyForcibly));
            } catch (IOException | RuntimeException e) {
                // not started yet, or ended
            }
            System.out.println("^C");
            Runtime.getRuntime().halt(130);
        });
        while (!Files.exists(exit)) {
            if (Files.exists(pid) && !Files.readString(pid).isBlank()
                    && ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).isEmpty() && !Files.exists(exit)) {
                // ended from outside (the kill script): PsExec reports Stop-Process's exit code, -1
                Files.deleteIfExists(pid);
                System.out.println(name + " exited on " + host + " with error code -1.");
                return 255;
            }
            Thread.sleep(200);
        }
        int code = Integer.parseInt(Files.readString(exit).strip());
        Files.delete(exit);
        Files.deleteIfExists(pid);
        System.out.println(name + " exited on " + host + " with error code " + code + ".");
        return code;
    }

    private static int powershell(Properties config, List<String> program) throws IOException, InterruptedException {
        int at = program.indexOf("-EncodedCommand");
        if (at < 0 || at + 1 >= program.size()) {
            System.err.println("fake PsExec knows only the -EncodedCommand scripts of rasfleet");
            return 1;
        }
        String script = new String(Base64.getDecoder().decode(program.get(at + 1)), StandardCharsets.UTF_16LE);
        Matcher root = ROOT.matcher(script);
        if (root.find() && script.contains("Get-ChildItem") && script.contains("'Ras.exe'")) {
            return listVersions(map(config, root.group(1).replace("''", "'")));
        }
        if (script.contains("function Working")) {
            return script.contains("Start-Sleep") ? waitWhileWorking(config, script) : countWorking(config, script);
        }
        return killByFolder(config, script);
    }

    /** The local pids of processes naming one of the script's folders, as {@code Working} selects them on Windows. */
    private static List<Long> working(Properties config, String script) throws IOException {
        Matcher m = FOLDERS.matcher(script);
        if (!m.find()) {
            throw new IOException("fake PsExec does not know this script: " + script);
        }
        List<Long> pids = new ArrayList<>();
        for (Matcher folder = QUOTED.matcher(m.group(1)); folder.find(); ) {
            pids.addAll(Processes.mentioning(map(config, folder.group(1).replace("''", "'")).toString()));
        }
        return pids;
    }

    private static int countWorking(Properties config, String script) throws IOException {
        System.out.println(working(config, script).size());
        return 0;
    }

    private static int waitWhileWorking(Properties config, String script) throws IOException, InterruptedException {
        while (!working(config, script).isEmpty()) {
            Thread.sleep(500);
        }
        System.out.println(0);
        return 0;
    }

    /** Get-ChildItem of the folders holding Ras.exe, each printed as the script prints it. */
    private static int listVersions(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            try (var children = Files.list(root)) {
                children.filter(child -> Files.isRegularFile(child.resolve("Ras.exe"))).map(child -> child.getFileName().toString())
                        .sorted().forEach(name -> System.out.println("RASVERSION " + name));
            }
        }
        return 0;
    }

    private static int killByFolder(Properties config, String script) throws IOException {
        Matcher m = FOLDERS.matcher(script);
        if (!m.find() || !script.contains("Stop-Process")) {
            System.err.println("fake PsExec does not know this script: " + script);
            return 1;
        }
        int ended = 0;
        for (Matcher folder = QUOTED.matcher(m.group(1)); folder.find(); ) {
            String local = map(config, folder.group(1).replace("''", "'")).toString();
            for (long pid : Processes.mentioning(local)) {
                ProcessHandle process = ProcessHandle.of(pid).orElse(null);
                if (process != null) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    ended++;
                }
            }
        }
        System.out.println(ended);
        return 0;
    }

    /** A Windows path through the configured {@code map.N=C:\Prefix|/local/path} entries. */
    static Path map(Properties config, String windows) {
        for (String key : config.stringPropertyNames()) {
            if (!key.startsWith("map.")) {
                continue;
            }
            String[] pair = config.getProperty(key).split("\\|", 2);
            if (windows.regionMatches(true, 0, pair[0], 0, pair[0].length())) {
                String rest = windows.substring(pair[0].length()).replace('\\', '/');
                return Path.of(pair[1] + rest);
            }
        }
        return Path.of("/nonexistent-windows-path", windows.replace('\\', '/').replace(":", ""));
    }

    private static void record(Properties config, List<String> argv) throws IOException {
        String log = config.getProperty("log");
        if (log == null) {
            return;
        }
        Files.writeString(Path.of(log), Instant.now() + " " + String.join(" | ", argv) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
