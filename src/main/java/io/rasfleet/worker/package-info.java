/**
 * The worker SPI. A {@link io.rasfleet.worker.Worker} is made from a validated
 * {@link io.rasfleet.worker.WorkerSpec}; for each run ({@link io.rasfleet.worker.WorkerRun}: the
 * server, the run, the snapshot) it opens a {@link io.rasfleet.worker.WorkerSession} that stages the
 * project snapshot once, proven by size and SHA-256 ({@link io.rasfleet.worker.SnapshotProof}); each
 * plan attempt is a {@link io.rasfleet.worker.PlanExecution} that only runs and fetches: it returns a
 * {@link io.rasfleet.worker.FetchedAttempt} (how the program ended, host, output, files, their times
 * on the worker). {@link io.rasfleet.worker.PlanVerification} is the one place that judges it into an
 * {@link io.rasfleet.worker.AttemptOutcome} (failure as data, with the host and the reason, and
 * whether another worker is worth trying) and brings results home. What a server leaves on a worker
 * is named after the server and the attempt ({@link io.rasfleet.worker.AttemptRef}), so that
 * {@link io.rasfleet.worker.Worker#endAbandoned} never touches a peer's work; it also spares the
 * server's own live attempts: it lists what it finds of the server first, then ends only what
 * belongs to an attempt the caller's predicate says is not live at that moment (the batch layer's
 * attempts whose thread runs now), so that a run restarted just after boot keeps its work.
 * {@link io.rasfleet.worker.HostPreprocessing} makes the Linux engine's missing inputs with a
 * Windows-capable worker ({@code preprocess_on_host}).
 *
 * <p>Worker types. A spec holds what every worker has and its type's own
 * {@link io.rasfleet.worker.WorkerSettings}, a record in the type's sub-package ({@code local},
 * {@code ssh}, {@code docker}, {@code psexec}) that validates itself and chooses and checks the
 * type's {@code worker_folder}. Each sub-package has a {@link io.rasfleet.worker.WorkerProvider}
 * (its {@code worker_type}, its fields, its settings from JSON, its workers), listed in
 * {@code META-INF/services/io.rasfleet.worker.WorkerProvider}; {@link io.rasfleet.worker.Workers}
 * finds them there. Adding a type is a sub-package and a line in that file: this package never
 * imports a sub-package.
 *
 * <p>JSON. {@link io.rasfleet.worker.WorkerJson} reads and writes a worker with ras-commander's
 * field names, for the API, {@code RASFLEET_WORKERS} and answers: the common fields itself, the rest
 * through the type's provider, refusing fields the type does not take. {@link io.rasfleet.worker.JsonFields}
 * reads values by type and {@link io.rasfleet.worker.SettingChecks} holds refusals several types
 * share; both name the field at fault. The store keeps the type's settings as their JSON.
 */
package io.rasfleet.worker;
