package io.rasfleet.worker;

import io.rasfleet.project.ComputeInputs;
import io.rasfleet.transfer.LocalStaging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code preprocess_on_host} for one run: a plan bound for HEC-RAS's Linux engine whose snapshot
 * lacks the compute inputs gets them from a Windows-capable worker ({@link ComputeInputsMaker}),
 * once per plan and run, on the app server. Plans are preprocessed in parallel, each in a slot of
 * the preprocessing worker (counted as its work); a plan's second attempt reuses the first's
 * inputs, and HEC-RAS's failure to write them is its answer for that plan, given once.
 */
public final class HostPreprocessing implements AutoCloseable {

    /** Takes a slot of the named worker for the duration of one preprocessing; the slot pool implements it. */
    @FunctionalInterface
    public interface Slots {
        AutoCloseable take(String worker) throws InterruptedException;
    }

    /** The task ready for its worker, or why HEC-RAS could not make its inputs. */
    public record Prepared(PlanTask task, Preprocessed failure) {
    }

    private final long runId;
    private final Path projectFolder;
    private final List<Worker> makers;
    private final Slots slots;
    private final Map<String, Preprocessed> done = new ConcurrentHashMap<>();
    private final Map<String, Object> planLocks = new ConcurrentHashMap<>();
    private final List<Path> scratch = new CopyOnWriteArrayList<>();

    /** {@code makers}: the Windows-capable workers that may preprocess for this run, preferred first. */
    public HostPreprocessing(long runId, Path projectFolder, List<Worker> makers, Slots slots) {
        this.runId = runId;
        this.projectFolder = projectFolder;
        this.makers = makers.stream().filter(w -> w instanceof ComputeInputsMaker).toList();
        this.slots = slots;
    }

    /**
     * The task as {@code worker} needs it: unchanged unless the worker has {@code preprocess_on_host}
     * and the plan's compute inputs are missing from the snapshot; then with the inputs made here.
     */
    public Prepared prepare(Worker worker, PlanTask task) throws WorkerException, InterruptedException {
        if (!worker.spec().preprocessOnHost()) {
            return new Prepared(task, null);
        }
        List<String> missing = ComputeInputs.of(task.projectName(), task.plan()).missingFrom(task.files());
        if (missing.isEmpty()) {
            return new Prepared(task, null);
        }
        String plan = task.plan().id().digits();
        Preprocessed made;
        // one lock per plan: plans preprocess side by side, and a plan only once
        synchronized (planLocks.computeIfAbsent(plan, p -> new Object())) {
            made = done.get(plan);
            if (made == null) {
                made = make(worker, task, missing);
                done.put(plan, made);
            }
        }
        return made.succeeded() ? new Prepared(task.withComputeInputs(made.inputs()), null) : new Prepared(task, made);
    }

    private Preprocessed make(Worker worker, PlanTask task, List<String> missing) throws WorkerException, InterruptedException {
        Worker maker = makers.stream().filter(w -> w.spec().enabled()).findFirst().orElseThrow(() -> new WorkerException(
                "worker " + worker.spec().name() + " has preprocess_on_host, but no Windows-capable worker (local, enabled,"
                        + " in this run or with preprocess_only) can make " + String.join(", ", missing), null));
        Path into;
        try {
            into = Files.createTempDirectory("rasfleet-run-" + runId + "-preprocess-p" + task.plan().id().digits() + "-");
        } catch (IOException e) {
            throw new WorkerException("no scratch folder for preprocessing plan " + task.plan().id() + ": " + e.getMessage(), e);
        }
        scratch.add(into);
        try (AutoCloseable slot = slots.take(maker.spec().name())) {
            return ((ComputeInputsMaker) maker).makeComputeInputs(task, projectFolder, into);
        } catch (WorkerException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new WorkerException("preprocessing plan " + task.plan().id() + " on worker " + maker.spec().name()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Removes the scratch folders of the inputs made for this run. */
    @Override
    public void close() {
        scratch.forEach(LocalStaging::deleteQuietly);
        scratch.clear();
        done.clear();
    }
}
