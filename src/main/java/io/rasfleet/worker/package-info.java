/**
 * The worker SPI. A {@link io.rasfleet.worker.Worker} is made from a validated
 * {@link io.rasfleet.worker.WorkerSpec}; for each run it opens a {@link io.rasfleet.worker.WorkerSession}
 * that stages the project snapshot once; each plan attempt is a {@link io.rasfleet.worker.PlanExecution}
 * that ends in an {@link io.rasfleet.worker.AttemptOutcome}: failure as data, with the host and the
 * reason, and whether another worker is worth trying. {@link io.rasfleet.worker.PlanVerification} is
 * where every type's results are judged and brought home.
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
