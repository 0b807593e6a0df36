package io.rasfleet.batch;

/** Told when a worker could not be reached: it gets no new plans until its check passes again. */
interface WorkerHealth {

    void lost(String worker, String reason);
}
