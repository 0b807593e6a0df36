package io.rasfleet.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan on HEC-RAS's Linux engine: optional geometry preprocessing, the unsteady computation, then
 * the rename of {@code Name.pNN.tmp.hdf} to {@code Name.pNN.hdf} that HEC's own scripts do. The
 * first step that does not exit 0 ends the run, and the rename never happens after a failed step.
 */
public final class LinuxEngineRun {

    private final Path engineFolder;
    private final Path modelFolder;
    private final String projectName;
    private final String plan;
    private final String geometry;
    private final boolean preprocess;

    public LinuxEngineRun(Path engineFolder, Path modelFolder, String projectName, String plan, String geometry,
            boolean preprocess) {
        RasCommandLines.tmpHdf(projectName, plan);
        RasCommandLines.digits("geometry", geometry);
        this.engineFolder = engineFolder;
        this.modelFolder = modelFolder;
        this.projectName = projectName;
        this.plan = plan;
        this.geometry = geometry;
        this.preprocess = preprocess;
    }

    /**
     * Runs the steps, each as a {@link PlanProcess} under what remains of the launch's time limit.
     * {@code template} gives the log, limit, priority and progress following; its command is ignored.
     * {@code current} receives each step's process, so that another thread can stop it.
     */
    public ProcessEnd run(PlanLaunch template, java.util.function.Consumer<PlanProcess> current)
            throws InterruptedException, IOException {
        Instant began = Instant.now();
        Map<String, String> environment = RasCommandLines.linuxEnvironment(engineFolder, System.getenv("LD_LIBRARY_PATH"));
        List<List<String>> steps = preprocess
                ? List.of(RasCommandLines.linuxGeometryPreprocess(engineFolder, projectName, plan, geometry),
                        RasCommandLines.linuxUnsteady(engineFolder, projectName, plan, geometry))
                : List.of(RasCommandLines.linuxUnsteady(engineFolder, projectName, plan, geometry));
        ProcessEnd last = null;
        for (List<String> command : steps) {
            Duration left = template.timeLimit().minus(Duration.between(began, Instant.now()));
            if (left.isNegative() || left.isZero()) {
                return new ProcessEnd(ProcessEnd.How.TIMED_OUT, null, Duration.between(began, Instant.now()),
                        "the time limit was reached before " + Path.of(command.get(0)).getFileName() + " could start");
            }
            PlanLaunch step = new PlanLaunch(command, modelFolder, template.environment(), left, template.priority(),
                    template.logFile(), template.probe(), template.listener(), template.pollInterval())
                    .withEnvironment(environment);
            try (PlanProcess process = PlanProcess.start(step)) {
                current.accept(process);
                last = process.await();
            }
            if (!last.exitedCleanly()) {
                return last;
            }
        }
        Path tmp = modelFolder.resolve(RasCommandLines.tmpHdf(projectName, plan));
        Path result = modelFolder.resolve(projectName + ".p" + plan + ".hdf");
        if (Files.isRegularFile(tmp)) {
            Files.move(tmp, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return new ProcessEnd(last.how(), last.exitCode(), Duration.between(began, Instant.now()), last.reason());
    }
}
