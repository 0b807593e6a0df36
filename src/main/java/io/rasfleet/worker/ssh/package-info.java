/**
 * The SSH worker (Apache MINA SSHD): a connection per plan attempt, SFTP for files, exec for the
 * engine with every argument single-quoted ({@code ShellWords}), host keys checked against
 * known_hosts or a pinned fingerprint ({@code HostKeyPolicy}), the remote process group killed by
 * the pid the launch line prints (a kill that comes before that line waits for it). On the host: {@code worker_folder/<server>/run-<id>/snapshot} once per run,
 * {@code run-<id>/pNN-aK} per attempt, copied there with {@code cp}; the attempt's work outlives the
 * connection that launched it, and after a restart of the app server is adopted by that folder. {@code SshStdioRelay} also
 * carries a Docker engine's API over SSH for {@code ssh://} Docker hosts, from a Unix socket in a
 * folder only the server's user can open.
 * Its settings are {@code SshSettings} (the login, shared with {@code ssh://} Docker engines, is
 * {@code SshLogin}); {@code SshProvider} registers the type.
 */
package io.rasfleet.worker.ssh;
