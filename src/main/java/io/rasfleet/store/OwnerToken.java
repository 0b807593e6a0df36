package io.rasfleet.store;

/**
 * Who owns an attempt now: the server that started it and the plan's lease epoch it started under.
 * Each attempt a server starts on a plan raises the plan's epoch by one (a takeover of a dead
 * server's attempt is such a start), so an older token never matches again. Every write after the
 * start asks the database to match it: {@code update ... where id = :attempt and node = :server and
 * epoch = :epoch and outcome = 'RUNNING'} (and {@code owner}/{@code epoch} on the plan's row) must
 * touch one row, else the writer has lost the attempt and stops without delivering.
 *
 * <p>It is kept with the attempt ({@code rf_attempt.node}, {@code rf_attempt.epoch}) and the plan
 * ({@code rf_plan_run.owner}, {@code rf_plan_run.epoch}), so that a later server reads it back from
 * the database: {@link AttemptStore#runningAttempts()} returns it with each attempt.
 *
 * @param attemptId the attempt's row
 * @param runId     its run
 * @param plan      its plan's digits
 * @param server    the owning server's name ({@code jboss.node.name})
 * @param epoch     the plan's lease epoch the attempt started under
 */
public record OwnerToken(long attemptId, long runId, String plan, String server, long epoch) {

    @Override
    public String toString() {
        return "server " + server + ", epoch " + epoch;
    }
}
