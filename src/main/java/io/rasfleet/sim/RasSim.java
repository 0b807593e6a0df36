package io.rasfleet.sim;

import io.rasfleet.project.ProjectException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The rasfleet HEC-RAS stand-in: {@code RasSim Ras -c Name.prj Name.pNN}, {@code RasSim RasUnsteady
 * Name.pNN.tmp.hdf xGG} or {@code RasSim RasGeomPreprocess ...}, as the launchers in
 * {@code target/ras-sim} call it. Exit codes: 0 done (even after a failed solve, as HEC-RAS),
 * 1 compute inputs missing, 2 bad command line or project, 3 crash.
 */
public final class RasSim {

    private RasSim() {
    }

    /** "rasfleet HEC-RAS stand-in 0.1.0": what it writes as File Version and first message line. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = RasSim.class.getResourceAsStream("stand-in.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "rasfleet HEC-RAS stand-in " + properties.getProperty("version", "dev");
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of("").toAbsolutePath()));
    }

    static int run(String[] args, Path workingDirectory) {
        if (args.length == 0) {
            System.err.println("usage: RasSim Ras|RasUnsteady|RasGeomPreprocess <arguments>");
            return 2;
        }
        String program = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        SimInvocation call;
        SimPlan plan;
        try {
            call = SimInvocation.parse(program, rest, workingDirectory);
            plan = call.mode() == SimInvocation.Mode.RAS ? SimPlan.fromProject(call) : SimPlan.fromComputeInputs(call, program);
        } catch (IllegalArgumentException | ProjectException e) {
            System.err.println(program + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.println(version() + " (not HEC-RAS): " + program + " " + String.join(" ", rest));
        try {
            int code = new SimRun(call, plan, version()).run();
            System.out.println(program + " ended with exit code " + code);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        } catch (IOException | UncheckedIOException e) {
            System.err.println(program + ": " + e.getMessage());
            return 3;
        }
    }
}
