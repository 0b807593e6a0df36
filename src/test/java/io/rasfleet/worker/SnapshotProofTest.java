package io.rasfleet.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proof's policy against a worker made here, whose copies arrive as each test says. */
class SnapshotProofTest {

    static final ProjectSnapshot SNAPSHOT = new ProjectSnapshot(Path.of("/projects/Muncie"), "Muncie", List.of(
            new ProjectSnapshot.Entry("Muncie.prj", 120, "a".repeat(64)),
            new ProjectSnapshot.Entry("Muncie.p01", 300, "b".repeat(64)),
            new ProjectSnapshot.Entry("Muncie.g01", 5000, "c".repeat(64)),
            new ProjectSnapshot.Entry("terrain/Muncie.tif", 9000, "d".repeat(64))));

    static Map<String, ProjectSnapshot.Entry> intact() {
        Map<String, ProjectSnapshot.Entry> held = new LinkedHashMap<>();
        SNAPSHOT.entries().forEach(e -> held.put(e.path(), e));
        return held;
    }

    static Map<String, ProjectSnapshot.Entry> withoutGeometry() {
        Map<String, ProjectSnapshot.Entry> held = intact();
        held.remove("Muncie.g01");
        return held;
    }

    /** What a session made here reports, or how its report fails. */
    interface Listing {
        Map<String, ProjectSnapshot.Entry> held() throws WorkerException;
    }

    /** A worker whose n-th copy is listed by the n-th listing (the last one for every copy after it). */
    static final class MadeWorker extends io.rasfleet.testing.WorkerForTests {
        final Deque<Listing> copies;
        final List<MadeSession> sessions = new ArrayList<>();

        MadeWorker(List<Listing> copies) {
            super(io.rasfleet.testing.WorkerSpecs.local("made1", "/bin/true").folder("/tmp/made1").build(), "made-host");
            this.copies = new ArrayDeque<>(copies);
        }

        @Override
        public WorkerSession open(WorkerRun run) {
            MadeSession session = new MadeSession(copies.size() > 1 ? copies.poll() : copies.peek());
            sessions.add(session);
            return session;
        }
    }

    static final class MadeSession implements WorkerSession {
        final Listing listing;
        boolean closed;

        MadeSession(Listing listing) {
            this.listing = listing;
        }

        @Override
        public PlanExecution start(PlanTask task) {
            throw new UnsupportedOperationException("no plans here");
        }

        @Override
        public java.util.Optional<PlanExecution> adopt(PlanTask task) {
            throw new UnsupportedOperationException("no plans here");
        }

        @Override
        public Map<String, ProjectSnapshot.Entry> snapshotHeld() throws WorkerException {
            return listing.held();
        }

        @Override
        public io.rasfleet.worker.StagingReport staging() {
            return io.rasfleet.worker.StagingReport.local(SNAPSHOT);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anIntactCopyIsProvenAtTheFirstOpening() throws Exception {
        MadeWorker worker = new MadeWorker(List.of(SnapshotProofTest::intact));
        WorkerSession session = SnapshotProof.open(worker, new WorkerRun("test-server", 5, SNAPSHOT));
        assertEquals(1, worker.sessions.size());
        assertSame(worker.sessions.get(0), session);
        assertTrue(!worker.sessions.get(0).closed, "the proven session is open");
    }

    @Test
    void differencesNameEachFileAndWhatDiffersInTheManifestsOrder() {
        Map<String, ProjectSnapshot.Entry> held = intact();
        held.remove("Muncie.prj");
        held.put("Muncie.p01", new ProjectSnapshot.Entry("Muncie.p01", 299, "b".repeat(64)));
        held.put("Muncie.g01", new ProjectSnapshot.Entry("Muncie.g01", 5000, "e".repeat(64)));
        held.put("stray.txt", new ProjectSnapshot.Entry("stray.txt", 1, "f".repeat(64)));
        assertEquals(List.of("Muncie.prj is missing",
                "Muncie.p01 has 299 bytes instead of 300",
                "Muncie.g01 has another SHA-256 (eeeeeeeeeeee... instead of cccccccccccc...)"),
                SnapshotProof.differences(SNAPSHOT, held), "a file beyond the manifest is no difference");
    }

    @Test
    void aSummaryNamesAHandfulAndCountsTheRest() {
        List<String> eight = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            eight.add("f" + i + " is missing");
        }
        assertEquals("f1 is missing; f2 is missing; f3 is missing; f4 is missing; f5 is missing and 3 more",
                SnapshotProof.summary(eight));
        assertEquals("f1 is missing; f2 is missing", SnapshotProof.summary(eight.subList(0, 2)));
    }

    @Test
    void aWorkerWhoseFirstCopyIsDamagedGetsItAgainAndPasses() throws Exception {
        MadeWorker worker = new MadeWorker(List.of(SnapshotProofTest::withoutGeometry, SnapshotProofTest::intact));
        WorkerSession session = SnapshotProof.open(worker, new WorkerRun("test-server", 5, SNAPSHOT));
        assertEquals(2, worker.sessions.size(), "the snapshot was sent a second time");
        assertTrue(worker.sessions.get(0).closed, "the damaged copy's session was closed");
        assertSame(worker.sessions.get(1), session);
        assertTrue(!worker.sessions.get(1).closed, "the proven session is open");
    }

    @Test
    void aWorkerWhoseCopiesKeepArrivingDamagedIsUnreachableNamingWorkerRunAndFile() {
        MadeWorker worker = new MadeWorker(List.of(SnapshotProofTest::withoutGeometry));
        WorkerException e = assertThrows(WorkerException.class, () -> SnapshotProof.open(worker, new WorkerRun("test-server", 5, SNAPSHOT)));
        assertTrue(e.getCause() instanceof WorkerUnreachableException, String.valueOf(e.getCause()));
        assertTrue(WorkerUnreachableException.in(e));
        assertEquals("worker made1 received run 5's project snapshot damaged twice: Muncie.g01 is missing", e.getMessage());
        assertEquals(2, worker.sessions.size(), "sent twice, no more");
        assertTrue(worker.sessions.stream().allMatch(s -> s.closed), "no session is left open");
    }

    @Test
    void aFailureToListIsThrownAsItIsAndTheSessionClosed() {
        WorkerException down = new WorkerException("worker made1 could not list", new WorkerUnreachableException("gone", null));
        MadeWorker worker = new MadeWorker(List.of(() -> {
            throw down;
        }));
        assertSame(down, assertThrows(WorkerException.class, () -> SnapshotProof.open(worker, new WorkerRun("test-server", 5, SNAPSHOT))));
        assertEquals(1, worker.sessions.size(), "not sent again: the worker could not be asked");
        assertTrue(worker.sessions.get(0).closed);
    }
}
