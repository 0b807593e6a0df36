package io.rasfleet.worker;

import io.rasfleet.engine.ProcessEnd;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What one attempt left behind, brought to the app server: how the program ended and where, what
 * it printed, and the plan's compute messages and result file where it wrote them. A worker type
 * only fetches; {@link PlanVerification} judges and brings results home, the batch layer records.
 *
 * @param task            the attempt that was run
 * @param resultFile      the fetched result ({@code Name.pNN.hdf}) on this machine; may not exist
 * @param messagesFile    the fetched {@code Name.pNN.computeMsgs.txt} on this machine; may not exist
 * @param resultSource    the name the result had on the worker ({@code Name.pNN.tmp.hdf} for the Linux
 *                        engine): when the run's snapshot or compute inputs hold a file of that name
 *                        with the same content, the program never wrote it
 * @param launchedAt      when the program was launched, on the worker's own clock; null when unknown
 * @param resultWrittenAt when the result was last written, on the worker's own clock; null to use the
 *                        fetched file's time (a worker on this machine)
 * @param output          what the program, or the tool that launched it, printed; null when nothing
 * @param geometryOutputs the geometry preprocessor's outputs the attempt wrote ({@link FetchedGeometry}),
 *                        fetched to this machine, by file name; empty when none were asked for or written
 */
public record FetchedAttempt(
        PlanTask task,
        String host,
        ProcessEnd end,
        Path resultFile,
        Path messagesFile,
        String resultSource,
        Instant launchedAt,
        Instant resultWrittenAt,
        String output,
        java.util.Map<String, Path> geometryOutputs) {

    public FetchedAttempt {
        geometryOutputs = geometryOutputs == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(geometryOutputs));
    }
}
