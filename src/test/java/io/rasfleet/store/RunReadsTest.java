package io.rasfleet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The run list read a page at a time, newest first, and each plan's last result in a project, on H2 and PostgreSQL. */
class RunReadsTest {

    static Stream<RunStoreTest.Database> databases() {
        return RunStoreTest.databases();
    }

    private static List<Long> ids(RunReads.RunPage page) {
        return page.runs().stream().map(RunEntity::getId).toList();
    }

    private static List<Long> newestFirst(List<Long> ids, int from, int to) {
        List<Long> slice = new ArrayList<>(ids.subList(ids.size() - to, ids.size() - from));
        java.util.Collections.reverse(slice);
        return slice;
    }

    /** Statements one page read takes. */
    private static long statements(TestDatabase db, RunReads reads, int limit, Long before) {
        org.hibernate.stat.Statistics stats = db.factory().unwrap(org.hibernate.SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        reads.page(limit, before);
        return stats.getPrepareStatementCount();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesGoFromTheNewestRunToTheOldestAndSayWhetherOlderOnesRemain(RunStoreTest.Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            assertEquals(new RunReads.RunPage(List.of(), 0, false), reads.page(50, null), "no run yet");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(TransactionalRunStore.startedRun(runs, "01", "02"));
            }
            RunReads.RunPage first = reads.page(5, null);
            assertEquals(newestFirst(ids, 0, 5), ids(first));
            assertEquals(12, first.total());
            assertTrue(first.older());
            assertEquals(2, first.runs().get(0).getPlans().size(), "with their plans");
            RunReads.RunPage second = reads.page(5, ids(first).get(4));
            assertEquals(newestFirst(ids, 5, 10), ids(second));
            RunReads.RunPage last = reads.page(5, ids(second).get(4));
            assertEquals(newestFirst(ids, 10, 12), ids(last));
            assertFalse(last.older());
            RunReads.RunPage exact = reads.page(2, ids(second).get(4));
            assertEquals(newestFirst(ids, 10, 12), ids(exact));
            assertFalse(exact.older(), "a page that ends with the oldest run says so");
            assertEquals(newestFirst(ids, 3, 4), ids(reads.page(1, ids.get(ids.size() - 3))), "before a run that is not the page's end");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPageOfFiftyTakesTheSameStatementsAmongFiveThousandRunsAsAmongFive(RunStoreTest.Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            for (int i = 0; i < 5; i++) {
                TransactionalRunStore.startedRun(runs, "01");
            }
            long few = statements(db, reads, 50, null);
            // 5,000 runs in one transaction: the plans of each do not matter for the page's cost
            jakarta.persistence.EntityManager em = db.factory().createEntityManager();
            em.getTransaction().begin();
            LongStream.range(0, 4995).forEach(i -> {
                RunEntity run = new RunEntity();
                run.setProjectFile("/projects/Muncie/Muncie.prj");
                run.setRequestedPlans("01");
                run.setStatus("COMPLETED");
                em.persist(run);
            });
            em.getTransaction().commit();
            em.close();
            long many = statements(db, reads, 50, null);
            assertEquals(few, many, "statements for a page among 5 runs vs among 5,000");
            assertTrue(many <= 3, "ids, runs with plans, count: " + many);
            assertEquals(50, reads.page(50, null).runs().size());
            assertEquals(5000, reads.page(50, null).total());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPlansLastResultIsItsLatestSuccessOrFailureInThatProjectWhateverCameAfter(RunStoreTest.Database database) throws Exception {
        try (TestDatabase db = database.open()) {
            RunStore runs = new TransactionalRunStore(db.factory(), "server-a", Duration.ofSeconds(60));
            RunReads reads = new TransactionalRunReads(db.factory());
            String muncie = "/projects/Muncie/Muncie.prj";
            java.util.Map<String, String> titles = java.util.Map.of("01", "a", "02", "b", "03", "c");
            assertEquals(java.util.Map.of(), reads.lastResults(muncie), "no run yet");
            long first = TransactionalRunStore.startedRun(runs, muncie, titles);
            runs.markPlan(first, "01", PlanRunEntity.State.FAILED, "unstable");
            runs.markPlan(first, "02", PlanRunEntity.State.SUCCEEDED, null);
            Thread.sleep(5);
            long second = TransactionalRunStore.startedRun(runs, muncie, titles);
            runs.markPlan(second, "01", PlanRunEntity.State.SUCCEEDED, null);
            // a stop and a skip make no result: plan 02's last result stays the first run's
            runs.markPlan(second, "02", PlanRunEntity.State.STOPPED, null);
            runs.skipPlan(second, "03", "results current", "/projects/Muncie/Muncie.p03.hdf");
            Thread.sleep(5);
            long elsewhere = TransactionalRunStore.startedRun(runs, "/projects/Other/Other.prj", titles);
            runs.markPlan(elsewhere, "02", PlanRunEntity.State.FAILED, "another project");

            java.util.Map<String, RunReads.LastResult> last = reads.lastResults(muncie);
            assertEquals(List.of("01", "02"), List.copyOf(last.keySet()), "plan 03 never ended with a result");
            assertEquals(second, last.get("01").run());
            assertEquals("SUCCEEDED", last.get("01").state());
            assertEquals(first, last.get("02").run());
            assertEquals("SUCCEEDED", last.get("02").state());
            assertEquals(runs.find(second).orElseThrow().getPlans().get(0).getEndedAt(), last.get("01").endedAt());
        }
    }
}
