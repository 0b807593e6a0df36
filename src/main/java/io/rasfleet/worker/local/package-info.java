/**
 * The local worker: plans as process trees on the app server's machine, in folders under
 * {@code worker_folder} ({@code <server>/run-<id>/snapshot} once per run, {@code <server>/run-<id>/pNN-aK} per attempt).
 * Its settings are {@code LocalSettings}; {@code LocalProvider} registers the type.
 */
package io.rasfleet.worker.local;
