package io.rasfleet.testing;

import io.rasfleet.worker.AttemptRef;
import io.rasfleet.worker.CheckReport;
import io.rasfleet.worker.Worker;
import io.rasfleet.worker.WorkerSpec;
import java.util.List;

/**
 * The base of a worker made for a test: a spec and a host, a check that passes, and nothing left
 * behind to end; the test's subclass says how it opens a run (and fails where it must).
 */
public abstract class WorkerForTests implements Worker {

    private final WorkerSpec spec;
    private final String host;

    protected WorkerForTests(WorkerSpec spec, String host) {
        this.spec = spec;
        this.host = host;
    }

    @Override
    public WorkerSpec spec() {
        return spec;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CheckReport check() {
        return new CheckReport(spec.name(), List.of(new CheckReport.Item("test", true, "a worker made for a test")));
    }

    @Override
    public int endAbandoned(String server, java.util.function.Predicate<AttemptRef> live) {
        return 0;
    }

    @Override
    public int endAttempt(AttemptRef attempt) {
        return 0;
    }
}
