/**
 * The REST admin API under {@code /rasfleet/api}: {@link io.rasfleet.api.RunsResource} reads run
 * requests and shows runs from the store ({@link io.rasfleet.store.RunReads}, refreshing each run's
 * status from the job repository, which also sees restarts made from WildFly's console or CLI);
 * {@link io.rasfleet.api.RunLauncher} starts, stops and restarts their jobs through JBeret's
 * {@code JobOperator}; {@link io.rasfleet.api.RunResultsResource} serves what the plans produced;
 * {@link io.rasfleet.api.WorkersResource} manages workers with ras-commander's field names
 * ({@link io.rasfleet.worker.WorkerJson}); {@link io.rasfleet.api.ProjectsResource} lists the projects under
 * the allowed roots and, for the start page, a project's plans with each one's last result and
 * whether its results file is current ({@link io.rasfleet.api.ProjectPlans}). Every call needs a user of the ApplicationRealm
 * ({@code WEB-INF/web.xml}); roles viewer / operator / admin are checked per method. Errors leave
 * as {@code {"error": "..."}} ({@code ErrorMappers}). {@link io.rasfleet.api.StartupSetup} loads
 * {@code RASFLEET_WORKERS} and sets up the demo.
 */
package io.rasfleet.api;
