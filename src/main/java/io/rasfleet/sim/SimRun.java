package io.rasfleet.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One run of the stand-in, in HEC-RAS's order: complete geometry, flow and plan (the compute
 * inputs), compute while reporting progress, then write the results file through its
 * {@code .tmp.hdf}. The outcome chosen for the plan decides where and how it ends.
 */
final class SimRun {

    static final String COMPUTE_START = "Performing Unsteady Flow Simulation";

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("ddMMMyyyy hh:mm:ss a", Locale.ENGLISH);
    private static final int STEPS = 20;

    private final SimInvocation call;
    private final SimPlan plan;
    private final String version;
    private ComputeLog log;

    SimRun(SimInvocation call, SimPlan plan, String version) {
        this.call = call;
        this.plan = plan;
        this.version = version;
    }

    /** Runs the plan and returns the process exit code HEC-RAS would give. */
    int run() throws IOException, InterruptedException {
        if (plan.outcome() == SimOutcome.NO_OUTPUT) {
            return 0;
        }
        Instant began = Instant.now();
        log = new ComputeLog(call.computeMessages(), call.mode() == SimInvocation.Mode.RAS);
        log.line(version + " -- this is not HEC-RAS");
        log.line("Plan: '" + plan.title() + "' (" + plan.fileName() + ")");
        log.line("Simulation started at: " + STARTED.format(LocalDateTime.now()));
        log.line("");
        if (call.mode() == SimInvocation.Mode.RAS) {
            completeGeometryFlowAndPlan();
        } else if (call.mode() == SimInvocation.Mode.GEOMETRY_PREPROCESS) {
            preprocessGeometry(call.geometryDigits());
            return 0;
        }
        String kind = plan.unsteady() ? "Unsteady" : "Steady";
        log.line(plan.unsteady() ? COMPUTE_START + "  " + version : "Steady Flow Simulation " + version);
        log.line("");
        double failAt = switch (plan.outcome()) {
            case CRASH -> 0.5;
            case HANG -> 0.3;
            case SOLVER_ERROR -> 0.6;
            default -> 1.0;
        };
        for (int step = 1; step <= STEPS && step <= failAt * STEPS; step++) {
            pause(0.9 / STEPS);
            log.progress((double) step / STEPS);
        }
        switch (plan.outcome()) {
            case CRASH -> {
                log.line("forrtl: severe (157): Program Exception - access violation");
                return 3;
            }
            case HANG -> {
                while (true) {
                    Thread.sleep(60_000);
                }
            }
            case SOLVER_ERROR -> {
                String when = SimPlan.stamp(plan.start().plus(Duration.between(plan.start(), plan.end()).dividedBy(2)));
                log.line("ERROR: " + kind + " flow computations went unstable at " + when
                        + " (water surface change exceeded the allowed maximum).");
                log.line("The " + kind.toLowerCase(Locale.ROOT) + " computations were stopped.");
                log.line("");
                writeResult(began, kind + " Went Unstable", when);
            }
            default -> {
                log.line("Overall Volume Accounting Error in Acre Feet:        0.0213");
                log.line("Overall Volume Accounting Error as percentage:       0.0004");
                log.line("");
                log.line("Finished " + kind + " Flow Simulation");
                log.line("");
                writeResult(began, kind + " Finished Successfully", null);
            }
        }
        return 0;
    }

    /** Writes the compute inputs a Linux engine needs; HEC-RAS's messages mark the end of this step. */
    private void completeGeometryFlowAndPlan() throws IOException, InterruptedException {
        log.line("Writing Plan GIS Data...");
        log.line("Completed Writing Plan GIS Data");
        log.line("Writing Geometry...");
        Path geometry = call.file(plan.planInformation().get("Geometry Filename").replaceFirst(".*\\.", ""));
        String digits = geometry.getFileName().toString().replaceFirst(".*\\.g", "");
        copyWithCrlf(geometry, call.file("x" + digits));
        log.line("Completed Writing Geometry");
        if (GeometryPreprocessor.needed(call, digits)) {
            preprocessGeometry(digits);
        }
        log.line("Writing Event Conditions ...");
        Path flow = call.file(plan.planInformation().get("Flow Filename").replaceFirst(".*\\.", ""));
        copyWithCrlf(flow, call.file("b" + call.planDigits()));
        ResultWriter.write(result(null, null, null, null), call.tmpHdf());
        log.line("Completed Writing Event Condition Data");
        log.line("");
        pause(0.1);
    }

    /** Writes the geometry HDF and preprocessor file of geometry {@code digits}, as HEC-RAS's preprocessor does. */
    private void preprocessGeometry(String digits) throws IOException, InterruptedException {
        log.line("Geometric Preprocessor " + version);
        if (!java.nio.file.Files.isRegularFile(call.file("g" + digits + ".hdf"))) {
            // as HEC-RAS says when it must make the geometry HDF anew (force_geompre deleted it)
            log.line("Geometry HDF file not found, creating " + call.file("g" + digits + ".hdf").getFileName()
                    + " from the geometry data");
        }
        pause(0.1);
        GeometryPreprocessor.write(call, digits, plan.geometry(), version);
        log.line("Finished Processing Geometry");
    }

    private void writeResult(Instant began, String solution, String unstableAt) throws IOException {
        Instant ended = Instant.now();
        long seconds = Math.max(1, Duration.between(began, ended).toSeconds());
        log.line("Computations Summary");
        log.line("");
        log.line("Computation Task\tTime(hh:mm:ss)");
        log.line("Completing Geometry, Flow and Plan\t<1");
        log.line((plan.unsteady() ? "Unsteady" : "Steady") + " Flow Computations\t" + seconds);
        log.line("Complete Process\t" + seconds);
        String window = runStamp(began) + " to " + runStamp(ended);
        String elapsed = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        ResultWriter.write(result(solution, window, elapsed, unstableAt), call.tmpHdf());
        if (call.mode() == SimInvocation.Mode.RAS) {
            // Ras.exe renames its compute file when it is done; the Linux engine leaves that to its caller.
            Files.move(call.tmpHdf(), call.resultHdf(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private SimResult result(String solution, String window, String elapsed, String unstableAt) {
        boolean done = solution != null;
        return new SimResult(version, plan.unitsSystem(), plan.planInformation(), plan.standInSettings(),
                done ? log.text() : null, plan.unsteady(), solution, window, elapsed,
                done ? 0.0031f : null, plan.cores(), unstableAt,
                done && plan.unsteady() ? new SimResult.VolumeAccounting(0.0213f, 0.0004f, 5321.7f, 5402.2f, 18233.9f, 18153.4f) : null,
                done ? SeriesMaker.make(plan) : null);
    }

    private static String runStamp(Instant instant) {
        return SimPlan.stamp(LocalDateTime.ofInstant(instant, java.time.ZoneId.systemDefault()).withNano(0));
    }

    private void pause(double fraction) throws InterruptedException {
        Thread.sleep((long) (plan.seconds() * 1000 * fraction));
    }

    /** The Linux engine reads the {@code .xGG} with LF endings; HEC-RAS on Windows writes CRLF, so do we. */
    private static void copyWithCrlf(Path from, Path to) throws IOException {
        String text = Files.readString(from, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        Files.writeString(to, text, StandardCharsets.ISO_8859_1);
    }
}
