package io.rasfleet.worker;

import io.rasfleet.worker.local.LocalWorker;

/** Makes the worker a spec describes; each new worker type adds its line here. */
public final class Workers {

    private Workers() {
    }

    public static Worker of(WorkerSpec spec) {
        return switch (spec.type()) {
            case LOCAL -> new LocalWorker(spec);
            case SSH -> new io.rasfleet.worker.ssh.SshWorker(spec);
            case DOCKER -> new io.rasfleet.worker.docker.DockerWorker(spec);
            case PSEXEC -> new io.rasfleet.worker.psexec.PsExecWorker(spec);
        };
    }
}
