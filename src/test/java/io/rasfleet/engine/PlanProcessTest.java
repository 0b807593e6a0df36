package io.rasfleet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.rasfleet.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class PlanProcessTest {

    @TempDir
    Path tmp;

    /** A launcher with two children and a grandchild, like Ras.exe with its compute programs. */
    private Path tree() throws Exception {
        Scripts.write(tmp, "grandchild.sh", "sleep 300");
        Scripts.write(tmp, "child.sh", "sh \"" + tmp + "/grandchild.sh\" &\nsleep 300");
        return Scripts.write(tmp, "launcher.sh", "sh \"" + tmp + "/child.sh\" &\nsh \"" + tmp + "/child.sh\" &\necho started\nwait");
    }

    @Test
    void timeLimitKillsWholeProcessTree() throws Exception {
        PlanLaunch launch = PlanLaunch.of(List.of(tree().toString()), tmp, Duration.ofSeconds(2), tmp.resolve("run.log"));
        List<Long> pids;
        ProcessEnd end;
        try (PlanProcess process = PlanProcess.start(launch)) {
            end = process.await();
            pids = process.pids();
        }
        assertEquals(ProcessEnd.How.TIMED_OUT, end.how());
        assertNull(end.exitCode());
        assertTrue(end.reason().contains("time limit"), end.reason());
        assertTrue(pids.size() >= 7, "launcher, 2 children, 2 grandchildren and their sleeps: " + pids);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is still alive");
        }
        assertEquals(List.of(), Processes.mentioning(tmp.toString()));
    }

    @Test
    void stopFromAnotherThreadEndsEveryProcessQuickly() throws Exception {
        PlanLaunch launch = PlanLaunch.of(List.of(tree().toString()), tmp, Duration.ofMinutes(10), tmp.resolve("run.log"));
        try (PlanProcess process = PlanProcess.start(launch)) {
            waitFor(() -> Processes.mentioning(tmp + "/grandchild.sh").size() == 2);
            Instant asked = Instant.now();
            new Thread(() -> process.stop("stopped by the operator")).start();
            ProcessEnd end = process.await();
            assertEquals(ProcessEnd.How.STOPPED, end.how());
            assertEquals("stopped by the operator", end.reason());
            assertTrue(Duration.between(asked, Instant.now()).toSeconds() < 15);
        }
        assertEquals(List.of(), Processes.mentioning(tmp.toString()));
    }

    @Test
    void closingARunningProcessLeavesNothingBehind() throws Exception {
        try (PlanProcess process = PlanProcess.start(
                PlanLaunch.of(List.of(tree().toString()), tmp, Duration.ofMinutes(10), tmp.resolve("run.log")))) {
            waitFor(() -> Processes.mentioning(tmp + "/grandchild.sh").size() == 2);
        }
        assertEquals(List.of(), Processes.mentioning(tmp.toString()));
    }

    @Test
    void aComputeProgramItsLauncherLeftBehindEndsWithTheAttempt() throws Exception {
        Scripts.write(tmp, "compute.sh", "sleep 300");
        Path launcher = Scripts.write(tmp, "launcher.sh", "sh \"" + tmp + "/compute.sh\" &\nsleep 3\nexit 0");
        ProcessEnd end;
        try (PlanProcess process = PlanProcess.start(PlanLaunch.of(List.of(launcher.toString()), tmp, Duration.ofMinutes(1),
                tmp.resolve("run.log")))) {
            end = process.await();
            assertTrue(process.pids().size() >= 3, "launcher, compute.sh and its sleep were seen: " + process.pids());
        }
        assertEquals(ProcessEnd.How.EXITED, end.how());
        assertEquals(0, end.exitCode());
        assertEquals(List.of(), Processes.mentioning(tmp.toString()), "the compute program is not left to init");
    }

    @Test
    void outputEnvironmentAndArgumentsReachTheLogVerbatim() throws Exception {
        Path script = Scripts.write(tmp, "echo.sh",
                "for a in \"$@\"; do echo \"arg=[$a]\"; done\necho \"lock=$HDF5_USE_FILE_LOCKING extra=$EXTRA\"\necho oops >&2\nexit 3");
        List<String> args = List.of(script.toString(), "two words", "it's \"quoted\"", "a;b", "$(touch " + tmp + "/pwned)", "`id`");
        PlanLaunch launch = PlanLaunch.of(args, tmp, Duration.ofMinutes(1), tmp.resolve("logs/run.log"))
                .withEnvironment(Map.of("EXTRA", "yes"));
        ProcessEnd end;
        try (PlanProcess process = PlanProcess.start(launch)) {
            end = process.await();
        }
        assertEquals(ProcessEnd.How.EXITED, end.how());
        assertEquals(3, end.exitCode());
        assertFalse(end.exitedCleanly());
        List<String> log = Files.readAllLines(tmp.resolve("logs/run.log"));
        assertEquals(List.of("arg=[two words]", "arg=[it's \"quoted\"]", "arg=[a;b]", "arg=[$(touch " + tmp + "/pwned)]",
                "arg=[`id`]", "lock=FALSE extra=yes", "oops"), log);
        assertFalse(Files.exists(tmp.resolve("pwned")), "no shell read the arguments");
    }

    @Test
    void lowAndBelowNormalPrioritiesAreNiceNineteenAndTen() throws Exception {
        Path script = Scripts.write(tmp, "sleeper.sh", "sleep 300");
        for (ProcessPriority priority : List.of(ProcessPriority.LOW, ProcessPriority.BELOW_NORMAL, ProcessPriority.NORMAL)) {
            PlanLaunch launch = PlanLaunch.of(List.of(script.toString()), tmp, Duration.ofMinutes(1), tmp.resolve("p.log"))
                    .withPriority(priority);
            try (PlanProcess process = PlanProcess.start(launch)) {
                waitFor(() -> Processes.mentioning("sleeper.sh").contains(process.pid()));
                int base = Scripts.niceOf(ProcessHandle.current().pid());
                assertEquals(Math.min(19, base + priority.niceness()), Scripts.niceOf(process.pid()), priority.label());
            }
        }
    }

    @Test
    void programThatCannotStartIsAnOutcomeNamingIt() throws Exception {
        PlanLaunch missing = PlanLaunch.of(List.of(tmp.resolve("NoSuchRas.exe").toString()), tmp, Duration.ofMinutes(1),
                tmp.resolve("x.log"));
        try (PlanProcess process = PlanProcess.start(missing)) {
            ProcessEnd end = process.await();
            assertEquals(ProcessEnd.How.FAILED_TO_START, end.how());
            assertTrue(end.reason().contains("NoSuchRas.exe"), end.reason());
        }
        PlanLaunch noFolder = PlanLaunch.of(List.of("/bin/true"), tmp.resolve("gone"), Duration.ofMinutes(1), tmp.resolve("x.log"));
        assertTrue(PlanProcess.start(noFolder).await().reason().contains("does not exist"));
    }

    @Test
    void progressListenerHearsEachNewValueAndAFailingProbeDoesNotEndTheRun() throws Exception {
        Path script = Scripts.write(tmp, "short.sh", "sleep 2");
        AtomicInteger reads = new AtomicInteger();
        List<Double> heard = new CopyOnWriteArrayList<>();
        ProgressProbe probe = () -> {
            int n = reads.incrementAndGet();
            if (n == 2) {
                throw new IllegalStateException("file busy");
            }
            return OptionalDouble.of(Math.min(1.0, n / 10.0));
        };
        PlanLaunch launch = PlanLaunch.of(List.of(script.toString()), tmp, Duration.ofMinutes(1), tmp.resolve("p.log"))
                .following(probe, heard::add, Duration.ofMillis(100));
        try (PlanProcess process = PlanProcess.start(launch)) {
            assertEquals(ProcessEnd.How.EXITED, process.await().how());
        }
        assertTrue(heard.size() >= 3, heard.toString());
        for (int i = 1; i < heard.size(); i++) {
            assertTrue(heard.get(i) > heard.get(i - 1), "only changes are told: " + heard);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        Instant until = Instant.now().plusSeconds(30);
        while (!check.ok()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(50);
        }
    }
}
