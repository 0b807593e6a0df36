/**
 * The Docker worker (docker-java over the engine's socket, TCP with TLS, or SSH): the run's
 * snapshot in a volume {@code rasfleet-<server>-run-<id>-<worker>} filled once through the archive API, a
 * container per attempt (labelled {@code io.rasfleet.run}, CPU and memory limits, the snapshot
 * mounted read-only and copied into its working folder, an idle command that ends by itself a while
 * after the time limit), the engine run through exec, files in and out through the archive API,
 * the container removed in every case. After a restart of the app server an attempt is adopted by
 * its container's {@code io.rasfleet.attempt} label and followed by the files its launch keeps in
 * the working folder ({@code linux.AttemptScript}); the run's volume is kept while a container mounts it.
 * Its settings are {@code DockerSettings} ({@code DockerHostAddress} reads its {@code docker_host});
 * {@code DockerProvider} registers the type.
 */
package io.rasfleet.worker.docker;
