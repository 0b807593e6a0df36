package io.rasfleet.log;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * What rasfleet tells an operator in the server log, each message with its id ({@code RASFLEET000012})
 * so that it can be looked up, filtered and alerted on; where an exception is behind a message, it
 * is passed along ({@link Cause}) so that the log keeps its stack. Debugging chatter stays with
 * plain loggers. Ids are never reused: add new messages at the end.
 */
@MessageLogger(projectCode = "RASFLEET", length = 6)
public interface RasfleetLogger extends BasicLogger {

    RasfleetLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), RasfleetLogger.class, "io.rasfleet");

    @LogMessage(level = INFO)
    @Message(id = 1, value = "rasfleet ready: project roots %s, workers %s")
    void ready(Object roots, Object workers);

    @LogMessage(level = WARN)
    @Message(id = 2, value = "run %d plan %s: %s")
    void attemptLostWithServer(long runId, String plan, String reason);

    @LogMessage(level = WARN)
    @Message(id = 3, value = "ended %d plan processes this server's previous life left on worker %s")
    void endedAbandoned(int ended, String worker);

    @LogMessage(level = WARN)
    @Message(id = 4, value = "ending what this server left on worker %s failed")
    void endAbandonedFailed(String worker, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 5, value = "renewing this server's leases failed")
    void leaseRenewalFailed(@Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 6, value = "RASFLEET_WORKERS %s: %s")
    void workerFileRefused(Path file, String what);

    @LogMessage(level = WARN)
    @Message(id = 7, value = "no worker is configured and the HEC-RAS stand-in is not at %s; add a worker with POST /rasfleet/api/workers")
    void noDemoWorker(Path standIn);

    @LogMessage(level = INFO)
    @Message(id = 8, value = "added the demo worker 'local': %d slots on the HEC-RAS stand-in at %s")
    void demoWorkerAdded(int slots, Path standIn);

    @LogMessage(level = INFO)
    @Message(id = 9, value = "sample project placed at %s")
    void sampleProjectPlaced(Path target);

    @LogMessage(level = INFO)
    @Message(id = 10, value = "run %d plan %s attempt %d on worker %s (host %s): %s (%s)")
    void attemptEnded(long runId, String plan, int attempt, String worker, String host, Object outcome, String reason);

    @LogMessage(level = WARN)
    @Message(id = 11, value = "run %d plan %s: attempt %d of server %s, which stopped renewing its lease, was taken over; %d of its processes ended")
    void attemptTakenOver(long runId, String plan, int attempt, String server, int ended);

    @LogMessage(level = WARN)
    @Message(id = 12, value = "run %d plan %s: ending attempt %d of server %s on worker %s failed")
    void endingTakenOverFailed(long runId, String plan, int attempt, String server, String worker, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 13, value = "run %d plan %s: %s")
    void planLeftToPeer(long runId, String plan, String note);

    @LogMessage(level = WARN)
    @Message(id = 14, value = "run %d plan %s: progress not recorded")
    void progressNotRecorded(long runId, String plan, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 15, value = "worker %s is marked unhealthy and gets no new plans until a check passes: %s")
    void workerUnhealthy(String worker, String reason);

    @LogMessage(level = INFO)
    @Message(id = 16, value = "worker %s passed its check and takes plans again")
    void workerHealthy(String worker);

    @LogMessage(level = INFO)
    @Message(id = 17, value = "worker %s is still unhealthy:%n%s")
    void workerStillUnhealthy(String worker, String report);

    @LogMessage(level = WARN)
    @Message(id = 18, value = "checking worker %s failed")
    void workerCheckFailed(String worker, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 19, value = "run %d: closing worker %s failed")
    void closingWorkerFailed(long runId, String worker, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 20, value = "worker %s holds a damaged copy of run %d's project snapshot, %s: %s")
    void snapshotDamaged(String worker, long runId, String next, String differences);

    @LogMessage(level = WARN)
    @Message(id = 21, value = "could not remove %s on %s")
    void notRemoved(String what, String where, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 22, value = "ending plan %s on %s failed: %s")
    void remoteKillFailed(String plan, String host, String why, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 23, value = "batch thread pool grown from %d to %d threads for %d worker slots")
    void batchPoolGrown(int from, int to, int slots);

    @LogMessage(level = WARN)
    @Message(id = 24, value = "the batch thread pool has %d threads but the workers have %d slots; set max-threads of"
            + " /subsystem=batch-jberet/thread-pool=batch to %d")
    void batchPoolTooSmall(int threads, int slots, int wanted, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 25, value = "unexpected error in the REST API")
    void apiError(@Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 26, value = "PsExec could not be downloaded")
    void psexecDownloadFailed(@Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 27, value = "worker %s is left out until it is saved again (PUT /api/workers/%s): %s")
    void workerLeftOut(String worker, String same, String why);

    @LogMessage(level = WARN)
    @Message(id = 28, value = "could not kill %s on %s")
    void notKilled(String what, String where, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 29, value = "Docker over SSH to %s failed")
    void dockerOverSshFailed(String host, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 30, value = "RASFLEET_WORKERS %s cannot be read")
    void workerFileUnreadable(Path file, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 180, value = "run %d, %s: staged the snapshot sending %d bytes (%d files, and the manifest on a Linux worker; SMB sends none) of its %d bytes in %d files; %d cache entries evicted")
    void stagedFromCache(long runId, String worker, long bytesSent, int filesSent, long snapshotBytes, int snapshotFiles, int evicted);

    @LogMessage(level = WARN)
    @Message(id = 181, value = "%s: %d cache entries proved damaged and were removed, to be sent again")
    void cacheEntriesDamaged(String worker, int entries);

    @LogMessage(level = Logger.Level.DEBUG)
    @Message(id = 182, value = "run %d on worker %s: %d of %d snapshot files shared with the project by %s, the rest copied")
    void localStagingShared(long runId, String worker, int shared, int files, String how);

    @LogMessage(level = WARN)
    @Message(id = 160, value = "%s gives no run time estimate: %s")
    void estimateSourceUnreadable(String file, String why);

    @LogMessage(level = WARN)
    @Message(id = 120, value = "the live page feed could not read the store this tick; pages keep their last view")
    void liveTickFailed(@Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 190, value = "run %d plan %s: attempt %d (%s) fenced, it stops without delivering: %s")
    void attemptFenced(long runId, String plan, int attempt, String token, String reason);

    @LogMessage(level = ERROR)
    @Message(id = 191, value = "this server could not renew its leases for %d ms (half the lease of %d ms): its %d live attempts are stopped before a peer may take them over")
    void selfFenced(long since, long lease, int attempts);

    @LogMessage(level = ERROR)
    @Message(id = 192, value = "run %d plan %s: attempt %d failed on this server's side; it ends as a machine failure")
    void attemptThrew(long runId, String plan, int attempt, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 193, value = "run %d plan %s: the end of attempt %d could not be recorded; its lease is no longer renewed, so a peer or a restart takes it over")
    void attemptEndNotRecorded(long runId, String plan, int attempt, @Cause Throwable cause);

    @LogMessage(level = ERROR)
    @Message(id = 194, value = "%s")
    void twinServer(String why);

    @LogMessage(level = ERROR)
    @Message(id = 230, value = "run %d: JBeret would not start its job; the run is FAILED and its plans are free")
    void runStartFailed(long runId, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 231, value = "run %d plan %s: Slurm job %d has waited %d min in the queue of worker %s (%s), past its queue_timeout_minutes; it keeps its place (queue_timeout_action report)")
    void longQueueWait(long runId, String plan, long jobId, long minutes, String worker, String reason);

    @LogMessage(level = INFO)
    @Message(id = 240, value = "run %d plan %s: attempt %d, left computing on worker %s by this server's previous life, adopted (%s); it is followed to its end")
    void attemptAdopted(long runId, String plan, int attempt, String worker, String token);

    @LogMessage(level = WARN)
    @Message(id = 241, value = "run %d plan %s: attempt %d of this server's previous life left nothing on worker %s to follow; it ends lost and the plan goes on")
    void attemptNotAdopted(long runId, String plan, int attempt, String worker);

    @LogMessage(level = INFO)
    @Message(id = 242, value = "%d attempts of this server's previous life still computing are taken back; their runs %s resume")
    void attemptsHeld(int attempts, String runs);

    @LogMessage(level = ERROR)
    @Message(id = 243, value = "run %d could not resume after this server's restart; its %d attempts left computing are no longer followed (a restart of the run takes them over)")
    void resumeFailed(long runId, int attempts, @Cause Throwable cause);
}
