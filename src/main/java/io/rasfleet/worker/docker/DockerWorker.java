package io.rasfleet.worker.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Info;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.transfer.Causes;
import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerException;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * HEC-RAS's Linux engine in containers of a Docker engine, local or remote. The run's snapshot
 * goes once into a volume of its own; each plan attempt is a container that copies it into its
 * working folder, runs the engine under the worker's CPU and memory limits, and is removed in
 * every case. Files pass through the engine's archive API, so a remote engine needs no shared folder.
 */
public final class DockerWorker implements Worker {

    /** Free space below which a check fails: a HEC-RAS result alone can take gigabytes. */
    static final long LOW_DISK_BYTES = 1L << 30;

    private final WorkerSpec spec;
    private final io.rasfleet.worker.RasInstalls installs;

    public DockerWorker(WorkerSpec spec) {
        this.spec = spec;
        this.installs = io.rasfleet.worker.linux.EngineInstalls.of(spec.name(), settings().rasVersion(),
                settings().rasInstallRoot(), this::versionFolders);
    }

    /** The engine folders under {@code root} in the image, as a short container of it lists them. */
    private List<String> versionFolders(String root) throws IOException, InterruptedException {
        try (DockerEngine engine = DockerEngine.connect(spec.name(), settings())) {
            ShortContainer.Answer answer = ShortContainer.run(engine, engine.client().createContainerCmd(settings().dockerImage())
                    .withCmd(io.rasfleet.worker.linux.EngineInstalls.command(root))
                    .withLabels(java.util.Map.of(DockerSession.LABEL_WORKER, spec.name())), java.time.Duration.ofMinutes(1));
            if (answer.exitCode() != 0) {
                throw new IOException("listing " + root + " in " + settings().dockerImage() + " ended with exit code "
                        + answer.exitCode() + ": " + answer.stderr().strip());
            }
            return io.rasfleet.worker.linux.EngineInstalls.parse(answer.stdout());
        } catch (RuntimeException e) {
            throw new IOException("listing " + root + " in a container of " + settings().dockerImage() + " failed: "
                    + Causes.described(e), e);
        }
    }

    /** The engine folder that computes {@code plan}: {@code ras_engine_path}, or the one of the plan's version in the image. */
    String engine(io.rasfleet.project.Plan plan) throws WorkerException {
        return installs.programFor(settings().rasEnginePath(), plan);
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    /** This type's own settings. */
    DockerSettings settings() {
        return spec.settings(DockerSettings.class);
    }

    @Override
    public String host() {
        DockerHostAddress address = DockerHostAddress.parse(spec.name(), settings());
        return address.host() != null ? address.host() : io.rasfleet.worker.LocalHost.name();
    }

    @Override
    public CheckReport check() {
        List<CheckReport.Item> items = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.connect(spec.name(), settings())) {
            Info info;
            try {
                info = engine.client().infoCmd().exec();
            } catch (RuntimeException e) {
                items.add(new CheckReport.Item("docker_host", false, engine.address() + " does not answer: " + Causes.described(e)));
                return new CheckReport(spec.name(), items);
            }
            items.add(new CheckReport.Item("docker_host", true, engine.address() + " answers: Docker " + info.getServerVersion()
                    + " on " + info.getName() + ", " + info.getNCPU() + " CPUs, " + gib(info.getMemTotal()) + " memory"));
            try {
                InspectImageResponse image = engine.client().inspectImageCmd(settings().dockerImage()).exec();
                items.add(new CheckReport.Item("docker_image", true, settings().dockerImage() + " is present (" + image.getId()
                        + ")"));
                items.add(freeDisk(engine));
                if (settings().rasEnginePath() == null) {
                    items.add(installs.check());
                }
            } catch (NotFoundException e) {
                items.add(new CheckReport.Item("docker_image", false, settings().dockerImage() + " is not on " + engine.address()
                        + ": build or load it there (rasfleet never pulls)"));
            }
            if (settings().cpuLimit() != null && info.getNCPU() != null && settings().cpuLimit() > info.getNCPU()) {
                items.add(new CheckReport.Item("cpu_limit", false, "cpu_limit " + settings().cpuLimit() + " is above the engine's "
                        + info.getNCPU() + " CPUs"));
            }
        } catch (IOException | RuntimeException e) {
            items.add(new CheckReport.Item("docker_host", false, "cannot reach the Docker engine of worker " + spec.name() + ": "
                    + Causes.described(e)));
        }
        return new CheckReport(spec.name(), items);
    }

    /** Free space where the engine keeps containers, as {@code df} in a short-lived container of the image sees it. */
    private CheckReport.Item freeDisk(DockerEngine engine) {
        String container = null;
        try {
            container = engine.client().createContainerCmd(settings().dockerImage()).withCmd("df", "-Pk", "/")
                    .withLabels(java.util.Map.of(DockerSession.LABEL_WORKER, spec.name())).exec().getId();
            engine.client().startContainerCmd(container).exec();
            int code = engine.client().waitContainerCmd(container).start()
                    .awaitStatusCode(60, java.util.concurrent.TimeUnit.SECONDS);
            StringBuilder out = new StringBuilder();
            engine.client().logContainerCmd(container).withStdOut(true).withStdErr(true).exec(
                    new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, java.util.concurrent.TimeUnit.SECONDS);
            String[] lines = out.toString().strip().split("\\R");
            String[] fields = lines[lines.length - 1].trim().split("\\s+");
            if (code != 0 || fields.length < 4 || !fields[3].matches("\\d+")) {
                return new CheckReport.Item("free disk", false, "df in a container of " + settings().dockerImage()
                        + " did not answer: " + out.toString().strip());
            }
            long free = Long.parseLong(fields[3]) << 10;
            return new CheckReport.Item("free disk", free >= LOW_DISK_BYTES, gib(free) + " free for containers on "
                    + engine.address());
        } catch (RuntimeException e) {
            return new CheckReport.Item("free disk", false, "df in a container of " + settings().dockerImage() + " failed: "
                    + Causes.described(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckReport.Item("free disk", false, "interrupted");
        } finally {
            if (container != null) {
                DockerSession.removeQuietly(engine, container);
            }
        }
    }

    private static String gib(Long bytes) {
        return bytes == null ? "?" : String.format("%.1f GiB", bytes / (double) (1L << 30));
    }

    /**
     * {@code e} as a {@link io.rasfleet.worker.WorkerUnreachableException} when the engine itself could not
     * be talked to (a refused or broken connection), else as it is.
     */
    static Throwable unreachable(DockerEngine engine, Throwable e) {
        if (io.rasfleet.worker.WorkerUnreachableException.in(e)) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException || t instanceof javax.net.ssl.SSLException) {
                return new io.rasfleet.worker.WorkerUnreachableException("the Docker engine " + engine.address()
                        + " cannot be reached: " + Causes.described(e), e);
            }
        }
        return e;
    }

    /**
     * Removes the containers this server's runs made on this worker (they carry both labels) that
     * belong to no live attempt: listed first, then each one's attempt (its attempt label, or for
     * a session's staging container its run) is asked about; what names neither is left alone.
     */
    @Override
    public int endAbandoned(String server, java.util.function.Predicate<AttemptRef> live) throws WorkerException {
        String safe = io.rasfleet.worker.ServerName.safe(server);
        return removeContainers(java.util.Map.of(DockerSession.LABEL_WORKER, spec.name(), DockerSession.LABEL_SERVER, safe),
                labels -> workOf(safe, labels).filter(live.negate()).isPresent());
    }

    /** The attempt a container computes, or the run whose session made it; empty when its labels name neither. */
    private static java.util.Optional<AttemptRef> workOf(String server, java.util.Map<String, String> labels) {
        String attempt = labels.get(DockerSession.LABEL_ATTEMPT);
        if (attempt != null) {
            return AttemptRef.ofLabel(attempt);
        }
        String run = labels.get(DockerSession.LABEL_RUN);
        return run != null && run.matches("\\d{1,18}") ? java.util.Optional.of(AttemptRef.wholeRun(server, Long.parseLong(run)))
                : java.util.Optional.empty();
    }

    @Override
    public int endAttempt(AttemptRef attempt) throws WorkerException {
        return removeContainers(java.util.Map.of(DockerSession.LABEL_WORKER, spec.name(), DockerSession.LABEL_ATTEMPT,
                attempt.label()), labels -> true);
    }

    /** Removes the containers with {@code labels} whose labels {@code which} accepts; returns how many. */
    private int removeContainers(java.util.Map<String, String> labels, java.util.function.Predicate<java.util.Map<String, String>> which)
            throws WorkerException {
        try (DockerEngine engine = DockerEngine.connect(spec.name(), settings())) {
            int removed = 0;
            for (var container : engine.client().listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()) {
                if (which.test(container.getLabels() == null ? java.util.Map.of() : container.getLabels())) {
                    DockerSession.removeQuietly(engine, container.getId());
                    removed++;
                }
            }
            return removed;
        } catch (IOException | RuntimeException e) {
            throw new WorkerException("worker " + spec.name() + " (docker): abandoned containers could not be removed: "
                    + Causes.described(e), e);
        }
    }

    @Override
    public WorkerSession open(io.rasfleet.worker.WorkerRun run) throws WorkerException {
        return DockerSession.open(this, run);
    }
}
