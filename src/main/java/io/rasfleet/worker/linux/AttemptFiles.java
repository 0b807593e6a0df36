package io.rasfleet.worker.linux;

import io.rasfleet.project.ComputeInputs;
import io.rasfleet.project.StagedPlan;
import io.rasfleet.worker.PlanTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one attempt on HEC-RAS's Linux engine needs beyond the run's snapshot, made on the app
 * server and put into the attempt's folder: the plan file with this attempt's cores and
 * {@code Write Detailed}, the compute inputs another worker made for this run, and the
 * {@code .xGG} with LF endings (the Linux engine misreads CRLF).
 */
public final class AttemptFiles {

    /** Writes a local file into the attempt's folder under a name. */
    @FunctionalInterface
    public interface Put {
        void put(Path local, String name) throws IOException;
    }

    private AttemptFiles() {
    }

    /** Makes the files in {@code local} (a temporary folder of the caller's) and puts them; the staged plan there. */
    public static StagedPlan put(PlanTask task, Path local, Path projectFolder, Put folder) throws IOException {
        ComputeInputs inputs = ComputeInputs.of(task.projectName(), task.plan());
        String planName = task.plan().planFile().getFileName().toString();
        Files.copy(task.plan().planFile(), local.resolve(planName));
        StagedPlan staged = StagedPlan.at(local, task.projectName(), task.plan()).setCores(task.cores()).writeDetailed();
        folder.put(staged.planFile(), planName);
        for (Map.Entry<String, Path> made : task.computeInputs().entrySet()) {
            folder.put(made.getValue(), made.getKey());
        }
        Path x = projectFolder.resolve(inputs.geometryExecution());
        String text = task.computeInputs().containsKey(inputs.geometryExecution()) ? ""
                : Files.readString(x, StandardCharsets.ISO_8859_1);
        if (text.indexOf('\r') >= 0) {
            Path lf = local.resolve(inputs.geometryExecution());
            Files.writeString(lf, text.replace("\r\n", "\n"), StandardCharsets.ISO_8859_1);
            folder.put(lf, inputs.geometryExecution());
        }
        return staged;
    }
}
