package io.rasfleet.worker;

/**
 * What staging a run's snapshot on one worker cost: the files and bytes that crossed to the worker,
 * beside the snapshot's own. A worker with a cache receives only what it lacked (plus the short
 * manifest naming every file by SHA-256); a local worker sends nothing over a network. Kept on the
 * {@link WorkerSession} ({@link WorkerSession#staging()}) and logged when staged, so that a benchmark
 * or a metric reads one figure.
 *
 * @param filesSent      files whose content was sent, each distinct content once
 * @param bytesSent      bytes sent: those files' contents and the manifest
 * @param snapshotFiles  files in the snapshot
 * @param snapshotBytes  bytes in the snapshot
 */
public record StagingReport(int filesSent, long bytesSent, int snapshotFiles, long snapshotBytes) {

    /** Nothing crossed a network: the snapshot stayed on this machine. */
    public static StagingReport local(io.rasfleet.project.ProjectSnapshot snapshot) {
        return new StagingReport(0, 0, snapshot.entries().size(), snapshotBytes(snapshot));
    }

    /** The bytes of all the snapshot's files. */
    public static long snapshotBytes(io.rasfleet.project.ProjectSnapshot snapshot) {
        return snapshot.entries().stream().mapToLong(io.rasfleet.project.ProjectSnapshot.Entry::size).sum();
    }
}
