package io.rasfleet.worker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.engine.ProcessPriority;
import io.rasfleet.project.KeyedTextFile;
import io.rasfleet.project.PlanId;
import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.worker.AttemptOutcome;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.PlanExecution;
import io.rasfleet.worker.PlanTask;
import io.rasfleet.worker.WorkerSession;
import io.rasfleet.worker.WorkerSpec;
import io.rasfleet.results.ResultFile;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.WorkerSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class LocalWorkerTest {

    @TempDir
    Path tmp;
    RasProject project;
    Path workerFolder;
    LocalWorker worker;

    @BeforeEach
    void setUp() {
        project = RasProject.open(SampleProjects.muncie(tmp));
        for (String plan : List.of("p01", "p02", "p03", "p04", "p05")) {
            KeyedTextFile text = KeyedTextFile.read(project.file(plan));
            text.setAll("RASSIM Seconds", "0.5", null);
            text.save();
        }
        workerFolder = tmp.resolve("worker");
        worker = new LocalWorker(spec(true));
    }

    private WorkerSpec spec(boolean autoclean) {
        return WorkerSpecs.local("local", StandIn.rasLauncher(tmp.resolve("ras"))).cores(4, 2).priority(ProcessPriority.BELOW_NORMAL)
                .folder(workerFolder).autoclean(autoclean).build();
    }

    private PlanTask task(String plan, int attempt, List<Double> progress) {
        PlanId id = PlanId.parse(plan);
        return new PlanTask(7, project.plan(id), project.name(), project.filesFor(id).files(), attempt, 2,
                Duration.ofMinutes(2), false, progress == null ? null : progress::add);
    }

    private ProjectSnapshot snapshot() {
        return ProjectSnapshot.of(project, project.planIds());
    }

    @Test
    void succeededPlanComesHomeVerifiedAndItsFolderIsCleaned() throws Exception {
        List<Double> progress = new CopyOnWriteArrayList<>();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(7, snapshot());
             PlanExecution run = session.start(task("1", 1, progress))) {
            assertNotNull(run.process());
            outcome = run.await();
            assertTrue(Files.isDirectory(workerFolder.resolve("run-7/snapshot")));
        }
        assertEquals(AttemptOutcome.Kind.SUCCEEDED, outcome.kind(), outcome.reason());
        assertEquals("SUCCEEDED", outcome.verdict());
        assertEquals("localhost", outcome.host());
        assertTrue(outcome.resultDelivered());
        assertTrue(progress.contains(1.0), progress.toString());
        try (ResultFile result = ResultFile.open(project.file("p01.hdf"))) {
            assertEquals(2, result.summary().maximumCores(), "the run's cores were written into the staged plan");
        }
        assertTrue(Files.exists(project.file("p01.computeMsgs.txt")));
        try (Stream<Path> left = Files.list(project.folder())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("rasfleet-partial")));
        }
        assertFalse(Files.exists(workerFolder.resolve("run-7")), "autoclean removed the run's folders");
        assertEquals(List.of(" 0 "), KeyedTextFile.read(project.file("p01")).values("PS Cores"), "source plan untouched");
    }

    @Test
    void modelFailureIsNotDeliveredAndSaysWhy() throws Exception {
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(7, snapshot()); PlanExecution run = session.start(task("4", 1, null))) {
            outcome = run.await();
        }
        assertEquals(AttemptOutcome.Kind.MODEL_FAILED, outcome.kind());
        assertEquals("FAILED", outcome.verdict());
        assertTrue(outcome.reason().contains("Went Unstable"), outcome.reason());
        assertFalse(outcome.resultDelivered());
        assertFalse(Files.exists(project.file("p04.hdf")));
        assertTrue(outcome.messages().contains("ERROR"), "the messages are kept with the attempt");
    }

    @Test
    void stopEndsThePlanAndKeepsNothing() throws Exception {
        KeyedTextFile text = KeyedTextFile.read(project.file("p02"));
        text.setAll("RASSIM Outcome", "hang", null);
        text.save();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(7, snapshot()); PlanExecution run = session.start(task("2", 1, null))) {
            Thread.sleep(1500);
            run.stop("stopped by alice");
            outcome = run.await();
        }
        assertEquals(AttemptOutcome.Kind.STOPPED, outcome.kind());
        assertEquals("stopped by alice", outcome.reason());
        assertFalse(Files.exists(project.file("p02.hdf")));
    }

    @Test
    void aPlanProcessKilledFromOutsideIsAMachineFailureWorthAnotherWorker() throws Exception {
        KeyedTextFile text = KeyedTextFile.read(project.file("p03"));
        text.setAll("RASSIM Seconds", "20", null);
        text.save();
        AttemptOutcome outcome;
        try (WorkerSession session = worker.open(9, snapshot()); PlanExecution run = session.start(task("3", 1, null))) {
            io.rasfleet.testing.Later killer = io.rasfleet.testing.Later.after(java.time.Duration.ofSeconds(3), () -> {
                List<Long> pids = io.rasfleet.testing.Processes.mentioning("io.rasfleet.sim.RasSim", workerFolder.resolve("run-9").toString());
                assertEquals(1, pids.size(), io.rasfleet.testing.Processes.describe(pids));
                ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
            });
            outcome = run.await();
            killer.join();
        }
        assertEquals(AttemptOutcome.Kind.MACHINE_FAILED, outcome.kind(), outcome.reason());
        assertTrue(outcome.retryable());
        assertTrue(outcome.reason().contains("HEC-RAS was killed"), outcome.reason());
        assertFalse(Files.exists(project.file("p03.hdf")));
    }

    @Test
    void autocleanOffKeepsTheWorkingFolders() throws Exception {
        worker = new LocalWorker(spec(false));
        try (WorkerSession session = worker.open(8, snapshot()); PlanExecution run = session.start(task("3", 2, null))) {
            run.await();
        }
        assertTrue(Files.exists(workerFolder.resolve("run-8/p03-a2/Muncie.p03.hdf")));
        try (Stream<Path> files = Files.list(workerFolder.resolve("run-8/p03-a2"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.contains("Muncie.p01"), "only the plan's own files are staged: " + names);
        }
    }

    @Test
    void checkSaysWhatWasCheckedInWords() {
        CheckReport report = worker.check();
        assertTrue(report.ok(), report.summary());
        assertTrue(report.summary().contains("worker_folder"), report.summary());
        CheckReport broken = new LocalWorker(WorkerSpecs.local("bad", tmp.resolve("no/Ras.exe")).folder(workerFolder).build()).check();
        assertFalse(broken.ok());
        assertTrue(broken.summary().contains("FAILED: ras_exe_path - " + tmp.resolve("no/Ras.exe") + " does not exist"),
                broken.summary());
    }
}
