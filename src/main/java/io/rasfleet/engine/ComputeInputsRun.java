package io.rasfleet.engine;

import io.rasfleet.project.ComputeInputs;
import io.rasfleet.project.StagedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HEC-RAS on Windows (or anything answering {@code Ras.exe -c}) run only until the compute inputs
 * of the Linux engine exist: it writes them while "Completing Geometry, Flow and Plan" and says
 * {@code Completed Writing Event Condition Data} in its compute messages before the computation
 * starts, which is where it is stopped. The {@code .xGG} is then rewritten with LF line endings,
 * which the Linux engine needs.
 */
public final class ComputeInputsRun {

    /** The compute messages line HEC-RAS writes once the compute inputs are complete. */
    public static final String INPUTS_WRITTEN = "Completed Writing Event Condition Data";

    private ComputeInputsRun() {
    }

    /**
     * Runs {@code rasExe} on the staged plan until its compute inputs exist; returns them, as files
     * of {@code staged.folder()}. Fails naming what was missing when HEC-RAS ended before writing them.
     */
    public static List<Path> make(Path rasExe, StagedPlan staged, String projectName, Duration limit, ProcessPriority priority)
            throws IOException, InterruptedException {
        ComputeInputs inputs = ComputeInputs.of(projectName, staged.plan());
        Path messages = staged.file(staged.plan().id().extension() + ".computeMsgs.txt");
        AtomicReference<PlanProcess> process = new AtomicReference<>();
        ProgressProbe written = () -> contains(messages, INPUTS_WRITTEN) && allExist(staged.folder(), inputs)
                ? OptionalDouble.of(1.0) : OptionalDouble.empty();
        PlanLaunch launch = PlanLaunch.of(RasCommandLines.windows(rasExe, staged.projectFile(), staged.planFile()), staged.folder(),
                        limit, staged.folder().resolve("rasfleet-preprocess.log"))
                .withPriority(priority)
                .following(written, fraction -> {
                    PlanProcess running = process.get();
                    if (running != null) {
                        running.stop("the compute inputs are written");
                    }
                }, Duration.ofMillis(200));
        ProcessEnd end;
        try (PlanProcess running = PlanProcess.start(launch)) {
            process.set(running);
            if (written.read().isPresent()) {
                running.stop("the compute inputs are written");
            }
            end = running.await();
        }
        if (end.how() == ProcessEnd.How.FAILED_TO_START) {
            throw new IOException(rasExe + " could not be started to preprocess plan " + staged.plan().id() + ": " + end.reason());
        }
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : inputs.names()) {
            Path file = staged.folder().resolve(name);
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty() || !contains(messages, INPUTS_WRITTEN)) {
            throw new NotWrittenException("preprocessing plan " + staged.plan().id() + " with " + rasExe + " did not write the compute"
                    + " inputs (" + (missing.isEmpty() ? "no '" + INPUTS_WRITTEN + "' in its messages" : String.join(", ", missing)
                    + " missing") + "): " + end.reason());
        }
        Path x = staged.folder().resolve(inputs.geometryExecution());
        String text = Files.readString(x, StandardCharsets.ISO_8859_1);
        if (text.indexOf('\r') >= 0) {
            Files.writeString(x, text.replace("\r\n", "\n"), StandardCharsets.ISO_8859_1);
        }
        return files;
    }

    /** HEC-RAS ran and ended without writing the compute inputs: the model's answer, not the machine's. */
    public static final class NotWrittenException extends IOException {
        NotWrittenException(String message) {
            super(message);
        }
    }

    private static boolean allExist(Path folder, ComputeInputs inputs) {
        return inputs.names().stream().allMatch(n -> Files.isRegularFile(folder.resolve(n)));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
