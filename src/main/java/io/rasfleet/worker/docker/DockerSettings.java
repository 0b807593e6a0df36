package io.rasfleet.worker.docker;

import io.rasfleet.worker.JsonFields;
import io.rasfleet.worker.SettingChecks;
import io.rasfleet.worker.WorkerConfigException;
import io.rasfleet.worker.WorkerSettings;
import io.rasfleet.worker.ssh.SshLogin;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;

/**
 * HEC-RAS's Linux engine in containers of a Docker engine, on this machine or another.
 *
 * @param dockerImage      the image holding the Linux engine (present on the engine, never pulled)
 * @param dockerHost       {@code unix:///var/run/docker.sock} (default), {@code tcp://host:2376} or
 *                         {@code ssh://user@host[:port]}
 * @param dockerCertPath   for {@code tcp://}: the folder with {@code ca.pem}, {@code cert.pem}, {@code key.pem}
 * @param cpuLimit         CPUs a container may use (fractions allowed); none when absent
 * @param memoryLimit      memory a container may use, as Docker writes it ({@code 4g}, {@code 512m})
 * @param rasEnginePath    the folder of HEC-RAS's Linux engine in the image; absent when found by version
 * @param rasVersion       the version whose engine folder is looked for in the image; absent: each plan's own
 * @param rasInstallRoot   where version folders are in the image, {@code /opt/hecras} when absent
 * @param preprocessOnHost plans without compute inputs get them from a Windows-capable worker first
 * @param username         the user of an {@code ssh://} engine that names none
 * @param login            for an {@code ssh://} engine: key or password alias, and host keys
 * @param cacheLimitMb     what this worker lets the engine's cache volume of project files hold, in MiB; the
 *                         default when absent
 */
public record DockerSettings(String dockerImage, String dockerHost, String dockerCertPath, Double cpuLimit, String memoryLimit,
        String rasEnginePath, String rasVersion, String rasInstallRoot, boolean preprocessOnHost, String username, SshLogin login,
        Integer cacheLimitMb) implements WorkerSettings {

    public static final String TYPE = "docker";

    /** A container's working folder when the worker names none. */
    public static final String DEFAULT_FOLDER = "/rasfleet";

    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})([bkmgBKMG]?)");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]{0,254}");

    public DockerSettings {
        login = login == null ? SshLogin.NONE : login;
    }

    /** Settings with the default cache limit. */
    public DockerSettings(String dockerImage, String dockerHost, String dockerCertPath, Double cpuLimit, String memoryLimit,
            String rasEnginePath, String rasVersion, String rasInstallRoot, boolean preprocessOnHost, String username, SshLogin login) {
        this(dockerImage, dockerHost, dockerCertPath, cpuLimit, memoryLimit, rasEnginePath, rasVersion, rasInstallRoot,
                preprocessOnHost, username, login, null);
    }

    /** The cache limit in bytes. */
    public long cacheLimitBytes() {
        return SettingChecks.cacheLimitBytes(cacheLimitMb);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Docker's memory limit in bytes, null when there is none. */
    public Long memoryLimitBytes() {
        if (memoryLimit == null) {
            return null;
        }
        var m = MEMORY.matcher(memoryLimit.strip());
        m.matches();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    @Override
    public void validate(String worker) {
        SettingChecks.text(worker, "docker_image", dockerImage);
        if (!IMAGE.matcher(dockerImage).matches()) {
            throw new WorkerConfigException("docker_image", "docker_image '" + dockerImage + "' of worker " + worker
                    + " is not an image reference (lower-case name, optional :tag or @digest)");
        }
        SettingChecks.rasProgram(worker, "ras_engine_path", rasEnginePath, rasVersion, rasInstallRoot);
        if (rasEnginePath != null) {
            SettingChecks.absolutePosix(worker, "ras_engine_path", rasEnginePath);
        }
        if (rasInstallRoot != null) {
            SettingChecks.absolutePosix(worker, "ras_install_root", rasInstallRoot);
        }
        DockerHostAddress.parse(worker, this);
        SettingChecks.optionalText(worker, "docker_cert_path", dockerCertPath);
        DockerProvider.CPU_LIMIT.checkRange(worker, cpuLimit);
        if (memoryLimit != null && (!MEMORY.matcher(memoryLimit.strip()).matches() || memoryLimitBytes() < (6L << 20))) {
            throw new WorkerConfigException("memory_limit", "memory_limit '" + memoryLimit + "' of worker " + worker
                    + " must be a size of at least 6m such as 512m or 4g");
        }
        if (login.given()) {
            login.validate(worker);
        }
        SettingChecks.cacheLimit(worker, cacheLimitMb);
    }

    @Override
    public String workerFolder(String worker, String given) {
        return SettingChecks.posixWorkerFolder(worker, given == null ? DEFAULT_FOLDER : given);
    }

    @Override
    public JsonObject fields() {
        JsonFields.Writer out = JsonFields.writer().add("docker_image", dockerImage).add("docker_host", dockerHost)
                .add("docker_cert_path", dockerCertPath).add("cpu_limit", cpuLimit).add("memory_limit", memoryLimit)
                .add("ras_engine_path", rasEnginePath).add("ras_version", rasVersion).add("ras_install_root", rasInstallRoot)
                .add("preprocess_on_host", preprocessOnHost).add("username", username);
        return login.addTo(out).add("cache_limit_mb", cacheLimitMb).build();
    }
}
