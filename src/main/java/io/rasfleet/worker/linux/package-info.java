/**
 * HEC-RAS's Linux engine on another machine or in a container, the same for both: an
 * {@link io.rasfleet.worker.linux.EngineFolder} is one attempt's working folder there (made from the
 * run's snapshot on that side), {@link io.rasfleet.worker.linux.LinuxEnginePlan} puts the attempt's
 * own files in (the plan with its cores, the {@code .xGG} with LF endings, compute inputs made by
 * {@code preprocess_on_host}), runs {@code RasGeomPreprocess} / {@code RasUnsteady} under the time
 * limit while reading progress back, and fetches the compute file and messages to be judged by
 * {@link io.rasfleet.worker.PlanVerification} on the app server. The programs run as one
 * {@link io.rasfleet.worker.linux.AttemptScript}, which keeps their pid, output and exit code in the
 * attempt's folder, so that the work outlives the server's connections and a later life of the
 * server adopts it ({@link io.rasfleet.worker.linux.LinuxEnginePlan#adopt}, following it through
 * {@code AdoptedCommand}). The run's snapshot is staged by
 * {@link io.rasfleet.worker.linux.CachedStaging} from the worker's
 * {@link io.rasfleet.worker.linux.ContentCache}, sending only what the cache lacks.
 */
package io.rasfleet.worker.linux;
