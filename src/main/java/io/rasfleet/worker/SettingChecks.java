package io.rasfleet.worker;

import java.util.regex.Pattern;

/**
 * Refusals that several worker types share, each naming the field as ras-commander spells it: a
 * text that must be there and be one line, a host, a port, a credential store alias, a path on a
 * Linux machine.
 */
public final class SettingChecks {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public static final SettingField PORT = SettingField.whole("port", "the port to connect to").range(1, 65535);
    public static final SettingField RAS_VERSION = SettingField.text("ras_version",
            "the HEC-RAS version to find under the install folders; absent: each plan's own");
    public static final SettingField RAS_INSTALL_ROOT = SettingField.text("ras_install_root",
            "where HEC-RAS version folders are looked for; the usual ones when absent");
    public static final SettingField CACHE_LIMIT_MB = SettingField.whole("cache_limit_mb",
            "what the worker's cache of project files may hold, in MiB (0 keeps nothing between runs)").range(0, null);

    private SettingChecks() {
    }

    /** A value that must be given, on one line: it ends up in command lines and paths. */
    public static void text(String worker, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WorkerConfigException(field, field + " is required for worker " + worker);
        }
        if (value.indexOf('\0') >= 0 || value.contains("\n") || value.contains("\r")) {
            throw new WorkerConfigException(field, field + " of worker " + worker + " contains a control character");
        }
    }

    /** As {@link #text}, when the value is given at all. */
    public static void optionalText(String worker, String field, String value) {
        if (value != null) {
            text(worker, field, value);
        }
    }

    /** {@code hostname}: a host name or an IP address, nothing a shell could read; and {@code port}, when given. */
    public static void host(String worker, String hostname, Integer port) {
        text(worker, "hostname", hostname);
        if (!HOST.matcher(hostname).matches()) {
            throw new WorkerConfigException("hostname", "hostname '" + hostname + "' of worker " + worker
                    + " is not a host name or IP address");
        }
        PORT.checkRange(worker, port);
    }

    /** {@code credential_alias}, when given: an alias of the server's credential store, never the password itself. */
    public static void alias(String worker, String alias) {
        if (alias != null && !ALIAS.matcher(alias).matches()) {
            throw new WorkerConfigException("credential_alias", "credential_alias of worker " + worker
                    + " must be a credential store alias (letters, digits, '.', '_' or '-'), never the password itself");
        }
    }

    /** A path on a Linux machine: given, and absolute. */
    public static void absolutePosix(String worker, String field, String path) {
        text(worker, field, path);
        if (!path.startsWith("/")) {
            throw new WorkerConfigException(field, field + " '" + path + "' of worker " + worker
                    + " must be an absolute path on the Linux machine");
        }
    }

    /** A Linux machine's {@code worker_folder}: absolute and below {@code /}, as the folder clean-up removes under it. */
    public static String posixWorkerFolder(String worker, String folder) {
        text(worker, "worker_folder", folder);
        if (!folder.startsWith("/") || folder.equals("/")) {
            throw new WorkerConfigException("worker_folder", "worker_folder '" + folder + "' of worker " + worker
                    + " must be an absolute path below / on the Linux machine");
        }
        return folder;
    }

    /**
     * Which HEC-RAS a worker runs: the program's path ({@code pathField}), or {@code ras_version}
     * found under the install folders ({@code ras_install_root} or the usual ones), or neither: then
     * each plan's own {@code Program Version} is looked for there.
     */
    public static void rasProgram(String worker, String pathField, String path, String version, String installRoot) {
        optionalText(worker, pathField, path);
        optionalText(worker, "ras_version", version);
        optionalText(worker, "ras_install_root", installRoot);
        if (path != null && version != null) {
            throw new WorkerConfigException("ras_version", "worker " + worker + " names both " + pathField + " and ras_version:"
                    + " name one, the program's path or the version to find in the install folders");
        }
        if (path != null && installRoot != null) {
            throw new WorkerConfigException("ras_install_root", "worker " + worker + " names both " + pathField
                    + " and ras_install_root: the install root is where ras_version (or each plan's version) is looked for");
        }
        if (version != null) {
            try {
                RasVersion.parse(version);
            } catch (IllegalArgumentException e) {
                throw new WorkerConfigException("ras_version", "ras_version of worker " + worker + ": " + e.getMessage());
            }
        }
    }

    /** What a worker's file cache ({@code cache_limit_mb}) holds at most when its settings name no limit: 50 GiB. */
    public static final int DEFAULT_CACHE_LIMIT_MB = 51_200;

    /**
     * {@code cache_limit_mb}: absent (the default), or a size in MiB from 0 (the cache keeps nothing
     * between runs) up.
     */
    public static void cacheLimit(String worker, Integer megabytes) {
        CACHE_LIMIT_MB.checkRange(worker, megabytes);
    }

    /** The cache limit in bytes, the default when absent. */
    public static long cacheLimitBytes(Integer megabytes) {
        return (megabytes == null ? DEFAULT_CACHE_LIMIT_MB : megabytes) * (1L << 20);
    }
}
