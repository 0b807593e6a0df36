package io.rasfleet.worker;

import io.rasfleet.project.ProjectSnapshot;

/**
 * One run as a server sends it to a worker: the server that owns what the worker keeps for it
 * (folders, volumes, containers are named after it), the run, and the snapshot to stage.
 */
public record WorkerRun(String server, long runId, ProjectSnapshot snapshot) {

    public WorkerRun {
        server = ServerName.safe(server);
    }

    /** The attempt's reference for clean-up, by its folder name. */
    public AttemptRef attempt(String folderName) {
        return new AttemptRef(server, runId, folderName);
    }
}
