package io.rasfleet.worker;

/**
 * What names one attempt's leftovers on a worker (folders, containers, processes): the server
 * that ran it, the run, and the attempt's folder name ({@code p01-a2}). Clean-up by one server
 * never touches what another server's attempts left while their leases run.
 */
public record AttemptRef(String server, long runId, String folderName) {

    public AttemptRef {
        server = ServerName.safe(server);
    }

    /** {@code server/run-7/p01-a2}: what a process's environment and a container's label say it belongs to. */
    public String label() {
        return server + "/run-" + runId + "/" + folderName;
    }
}
