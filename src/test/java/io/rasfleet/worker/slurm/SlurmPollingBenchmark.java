package io.rasfleet.worker.slurm;

import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.testing.Attempts;
import io.rasfleet.testing.Await;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Slurm;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.worker.ssh.SshLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a server's hundred plans waiting on a cluster cost its controller: 100 jobs of one worker
 * (one computing, 99 queued behind it on the test cluster's 2-CPU node), submitted by a server
 * that then dies; the controller's own count of the requests it served ({@code sdiag}), by kind,
 * while a restarted server adopts all hundred, then over one minute of following them. Not a test:
 * it prints figures. Run it with {@code mvn -o test -Dtest=SlurmPollingBenchmark}.
 */
@EnabledOnOs(OS.LINUX)
class SlurmPollingBenchmark {

    private static final int PLANS = 100;

    @TempDir
    Path tmp;

    @Test
    void controllerRequestsPerMinuteWithAHundredQueuedPlans() throws Exception {
        io.rasfleet.worker.Installation.install("benchmark");
        Slurm cluster = Slurm.cluster();
        RasProject project = RasProject.open(SampleProjects.muncieForLinux(tmp, tmp.resolve("inputs"), 1, "2"));
        Path engine = StandIn.linuxEngine(tmp.resolve("engine"));
        SlurmSettings settings = new SlurmSettings(null, null, null, SshLogin.NONE, Slurm.PARTITION, null, null, null, PLANS, null,
                engine.toString(), null, List.of(), null, false, null);
        WorkerSpec spec = WorkerSpecs.of("bench", settings).cores(2 * PLANS, 2).folder(tmp.resolve("worker")).maxRuntimeMinutes(30)
                .build();
        ProjectSnapshot snapshot = ProjectSnapshot.of(project, project.planIds());
        SlurmQueue listing = new SlurmQueue(spec, Attempts.SERVER, new LocalSubmitHost(cluster.environment()));
        PlanId id = PlanId.parse("2");
        List<PlanTask> tasks = new ArrayList<>();
        for (int attempt = 1; attempt <= PLANS; attempt++) {
            tasks.add(new PlanTask(1, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 2, Duration.ofMinutes(30),
                    false, null));
        }
        List<PlanExecution> plans = new ArrayList<>();
        List<CompletableFuture<?>> ends = new ArrayList<>();
        SlurmWorker firstLife = new SlurmWorker(spec, cluster.environment());
        try (PlanLine hang = PlanLine.set(project.file("p02"), "RASSIM Outcome", "hang")) {
            // the first life submits and dies: its session and plans are never awaited or closed
            WorkerSession died = firstLife.open(Attempts.run(1, snapshot));
            for (PlanTask task : tasks) {
                died.start(task);
            }
            Await.until(PLANS + " jobs listed", Duration.ofMinutes(2), () -> listing.jobs().size(), n -> n == PLANS);
            try (WorkerSession session = new SlurmWorker(spec, cluster.environment()).open(Attempts.run(1, snapshot))) {
                Map<String, Long> beforeAdopting = cluster.served();
                long adoptingSince = System.nanoTime();
                for (PlanTask task : tasks) {
                    plans.add(session.adopt(task).orElseThrow());
                }
                Duration adopting = Duration.ofNanos(System.nanoTime() - adoptingSince);
                Map<String, Long> adopted = cluster.served();
                System.out.printf("a restarted server adopted %d jobs of its previous life in %.1f s; the controller served:%n", PLANS,
                        adopting.toMillis() / 1000.0);
                print(beforeAdopting, adopted, 1);
                plans.forEach(plan -> ends.add(Attempts.outcomeLater(plan, snapshot)));
                Thread.sleep(settings.pollInterval().multipliedBy(2).toMillis());
                Map<String, Long> before = cluster.served();
                long startedAt = System.nanoTime();
                Thread.sleep(Duration.ofMinutes(1).toMillis());
                Map<String, Long> after = cluster.served();
                double minutes = (System.nanoTime() - startedAt) / 60e9;
                System.out.printf("%d plans of one server on one Slurm worker (1 computing, %d queued), poll_seconds %d, per minute:%n",
                        PLANS, listing.jobs().stream().filter(SlurmJobState::queued).count(), settings.pollInterval().toSeconds());
                print(before, after, minutes);
                plans.forEach(plan -> plan.stop("the benchmark is over"));
                CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
                plans.forEach(PlanExecution::close);
            }
        } finally {
            firstLife.endAbandoned(Attempts.SERVER, Attempts.NONE_LIVE);
        }
    }

    /** The requests served between two counts, by kind, per {@code minutes} (1: as counted). */
    private static void print(Map<String, Long> before, Map<String, Long> after, double minutes) {
        after.forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            // REQUEST_STATS_INFO is sdiag itself, asked for by the benchmark
            if (delta > 0 && !kind.equals("REQUEST_STATS_INFO")) {
                System.out.printf("  %-32s %6.1f%n", kind, delta / minutes);
            }
        });
    }
}
