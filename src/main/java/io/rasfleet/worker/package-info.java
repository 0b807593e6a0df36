/**
 * The worker SPI. A {@link io.rasfleet.worker.Worker} is made from a validated
 * {@link io.rasfleet.worker.WorkerSpec}; for each run it opens a {@link io.rasfleet.worker.WorkerSession}
 * that stages the project snapshot once; each plan attempt is a {@link io.rasfleet.worker.PlanExecution}
 * that ends in an {@link io.rasfleet.worker.AttemptOutcome}: failure as data, with the host and the
 * reason, and whether another worker is worth trying. {@link io.rasfleet.worker.PlanVerification} is
 * where every type's results are judged and brought home. One sub-package per worker type.
 */
package io.rasfleet.worker;
