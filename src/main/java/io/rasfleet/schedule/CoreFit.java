package io.rasfleet.schedule;

import io.rasfleet.worker.WorkerSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * How a run's {@code numCores} limits a worker's slots, as ras-commander counts them: a worker gives
 * the run {@code min(cores_total / cores_per_plan, cores_total / numCores)} slots, so that plans of
 * more cores than {@code cores_per_plan} never put more cores of HEC-RAS on a machine than it has.
 */
public final class CoreFit {

    private CoreFit() {
    }

    /** The cores one plan of the run takes on the worker: {@code numCores}, or the worker's {@code cores_per_plan} when absent or 0. */
    public static int cores(WorkerSpec spec, Integer numCores) {
        return numCores == null || numCores <= 0 ? spec.coresPerPlan() : numCores;
    }

    /** The slots the worker gives a run of {@code numCores} (0 when one plan does not fit at all). */
    public static int slots(WorkerSpec spec, Integer numCores) {
        return Math.min(spec.slots(), spec.coresTotal() / cores(spec, numCores));
    }

    /**
     * Why none of {@code workers} (enabled, computing plans) can hold one plan of {@code numCores}
     * cores, naming {@code numCores} and the largest value that fits; empty when one can.
     */
    public static Optional<String> refusal(Integer numCores, Collection<WorkerSpec> workers) {
        if (numCores == null || numCores <= 0) {
            return Optional.empty();
        }
        Optional<WorkerSpec> largest = workers.stream().filter(w -> w.enabled() && !w.preprocessOnly())
                .max(Comparator.comparingInt(WorkerSpec::coresTotal));
        if (largest.isEmpty() || largest.get().coresTotal() >= numCores) {
            return Optional.empty();
        }
        return Optional.of("numCores " + numCores + " fits no worker of the run: the largest that fits is "
                + largest.get().coresTotal() + " (cores_total of worker " + largest.get().name() + ")");
    }
}
