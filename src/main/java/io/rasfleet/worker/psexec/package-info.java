/**
 * The Windows worker: files through the machine's SMB share ({@link io.rasfleet.transfer.SmbShare}:
 * {@code rasfleet\<server>\run-<id>\snapshot} once per run, {@code pNN-aK} per attempt copied by the server),
 * Ras.exe started by PsExec in the logged-in user's desktop session ({@code PsExecCommands}, never
 * the system account) through a launch script that keeps its exit code in the attempt's folder
 * ({@code LaunchScript}), PsExec's own failures told as the setting to fix ({@code PsExecErrors}), and
 * on a time-out or stop the plan's processes on the machine ended by a second PsExec. A plan outlives
 * the app server that launched it; the next one adopts it by its folder ({@code PsExecPlan#adopt}). The login's
 * password, when one is configured, comes from the server's credential store by alias.
 * Its settings are {@code PsExecSettings}; {@code PsExecProvider} registers the type.
 */
package io.rasfleet.worker.psexec;
