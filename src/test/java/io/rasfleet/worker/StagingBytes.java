package io.rasfleet.worker;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.project.RasProject;
import io.rasfleet.testing.FakePsExec;
import io.rasfleet.testing.PlanLine;
import io.rasfleet.testing.Processes;
import io.rasfleet.testing.Samba;
import io.rasfleet.testing.SampleProjects;
import io.rasfleet.testing.Sshd;
import io.rasfleet.testing.StandIn;
import io.rasfleet.testing.TestImages;
import io.rasfleet.testing.WorkerSpecs;
import io.rasfleet.worker.docker.DockerSettings;
import io.rasfleet.worker.docker.DockerWorker;
import io.rasfleet.worker.psexec.PsExecSettings;
import io.rasfleet.worker.psexec.PsExecWorker;
import io.rasfleet.worker.ssh.SshLogin;
import io.rasfleet.worker.ssh.SshSettings;
import io.rasfleet.worker.ssh.SshWorker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A measurement for bench/run, not a test: the bytes staging sends to each remote worker type
 * (SSH, Docker, SMB) for a run's first session on a fresh worker, and for the next run's after one
 * plan file was edited, on the Muncie sample padded with a large terrain. Real services on this
 * machine, as the worker tests use them: OpenSSH's sshd on loopback, the Docker engine on its socket
 * with the test engine image, Samba on loopback with {@link FakePsExec} as PsExec. Each session is
 * opened as the batch layer opens it ({@link SnapshotProof#open}); its {@link StagingReport} is the
 * figure, and this process's own writes (all sockets and files, {@code /proc/self/io}) while it
 * opened are printed beside it, so that a report that forgot some traffic would show.
 *
 * <pre>mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.rasfleet.worker.StagingBytes SCRATCH [terrain MiB]</pre>
 *
 * Needs root (Samba's user is a system user), {@code /usr/sbin/sshd}, {@code smbd}, a Docker engine
 * and a static busybox; a type whose service is missing is reported as not measured.
 */
public final class StagingBytes {

    private static final String SERVER = "bench";
    private static final String SMB_PASSWORD = "bench-Smb-1";
    private static final String EDITED_PLAN = "p03";

    private StagingBytes() {
    }

    /** A worker of the type under measurement, and how to stop what was started for it. */
    private record Type(Worker worker, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    public static void main(String[] args) throws Exception {
        // a missing service then fails its type with the reason, instead of JUnit's "skipped"
        System.setProperty("rasfleet.require", "sshd,docker,samba");
        Path scratch = Path.of(args[0]).toAbsolutePath();
        int terrainMb = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Processes.run(List.of("rm", "-rf", scratch.toString()));
        Files.createDirectories(scratch);
        RasProject project = paddedMuncie(scratch.resolve("projects"), terrainMb);
        ProjectSnapshot first = ProjectSnapshot.of(project, project.planIds());
        System.out.printf("staging: Muncie with a %d MiB terrain, snapshot %,d bytes in %d files; re-run after editing %s%n",
                terrainMb, first.totalBytes(), first.entries().size(), project.file(EDITED_PLAN).getFileName());
        boolean allMeasured = true;
        long runId = 1;
        for (String type : List.of("ssh", "docker", "smb")) {
            try (Type worker = type(type, scratch.resolve(type))) {
                measure(type, worker.worker(), project, runId);
            } catch (Exception e) {
                allMeasured = false;
                System.out.printf("staging %-6s not measured: %s%n", type, e);
            }
            runId += 2;
        }
        Processes.run(List.of("rm", "-rf", scratch.toString()));
        System.exit(allMeasured ? 0 : 1);
    }

    private static void measure(String type, Worker worker, RasProject project, long runId) throws Exception {
        ProjectSnapshot first = ProjectSnapshot.of(project, project.planIds());
        Figure whole = open(worker, runId, first);
        System.out.printf("staging %-6s first run: %,d bytes sent (files: %d; the snapshot: %,d bytes, files: %d) in %.1f s;"
                + " %s%n", type, whole.report.bytesSent(), whole.report.filesSent(),
                whole.report.snapshotBytes(), whole.report.snapshotFiles(), whole.seconds, whole.io());
        Path plan = project.file(EDITED_PLAN);
        try (PlanLine edited = PlanLine.set(plan, "Plan Title", "edited for run " + (runId + 1))) {
            long fileBytes = Files.size(plan);
            ProjectSnapshot second = ProjectSnapshot.of(project, project.planIds());
            Figure rerun = open(worker, runId + 1, second);
            long bytes = rerun.report.bytesSent();
            long snapshot = rerun.report.snapshotBytes();
            double beyondFile = 100.0 * (bytes - fileBytes) / snapshot;
            System.out.printf("staging %-6s re-run:    %,d bytes sent (files: %d) = the edited file (%,d bytes) + %.4f%% of the"
                    + " snapshot (%,d bytes); %.4f%% of the snapshot; goal file + 1%%: %s; in %.1f s; %s%n",
                    type, bytes, rerun.report.filesSent(), fileBytes, beyondFile, snapshot, 100.0 * bytes / snapshot,
                    bytes <= fileBytes + snapshot / 100 ? "met" : "MISSED", rerun.seconds, rerun.io());
        }
    }

    private record Figure(StagingReport report, double seconds, long written, long read) {
        String io() {
            return String.format("this process wrote %,d and read %,d bytes meanwhile", written, read);
        }
    }

    /** Opens the run's session as the batch layer does, its copy proven, and closes it (autoclean). */
    private static Figure open(Worker worker, long runId, ProjectSnapshot snapshot) throws Exception {
        long wrote = io("wchar");
        long read = io("rchar");
        long start = System.nanoTime();
        StagingReport report;
        try (WorkerSession session = SnapshotProof.open(worker, new WorkerRun(SERVER, runId, snapshot))) {
            report = session.staging();
        }
        return new Figure(report, (System.nanoTime() - start) / 1e9, io("wchar") - wrote, io("rchar") - read);
    }

    /**
     * Bytes this process has written ({@code wchar}) or read ({@code rchar}) through system calls so
     * far: sockets, pipes and files alike, so an upper bound of what crossed to a worker.
     */
    private static long io(String counter) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith(counter + ":")) {
                return Long.parseLong(line.substring(counter.length() + 1).strip());
            }
        }
        throw new IOException("/proc/self/io has no " + counter + " line");
    }

    /**
     * The Muncie sample with a terrain in RAS Mapper's layout: {@code Terrain/Terrain.hdf} named by
     * the {@code .rasmap} and a raster beside it of {@code mb} MiB of random bytes (a compressed
     * GeoTIFF does not compress further, so neither may this).
     */
    static RasProject paddedMuncie(Path parent, int mb) throws IOException {
        Path folder = SampleProjects.muncie(parent);
        Path terrain = Files.createDirectories(folder.resolve("Terrain"));
        Files.writeString(terrain.resolve("Terrain.hdf"), "terrain index of the raster beside it\n");
        SplittableRandom random = new SplittableRandom(12);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(terrain.resolve("Terrain.muncie_dem.tif"))) {
            for (int i = 0; i < mb; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Files.writeString(folder.resolve("Muncie.rasmap"), """
                <RASMapper>
                  <RASProjectionFilename Filename=".\\Projection.prj" />
                  <Terrains><Layer Name="Terrain" Type="TerrainLayer" Filename=".\\Terrain\\Terrain.hdf" /></Terrains>
                </RASMapper>
                """);
        return RasProject.open(folder);
    }

    private static Type type(String type, Path folder) throws Exception {
        Files.createDirectories(folder);
        return switch (type) {
            case "ssh" -> ssh(folder);
            case "docker" -> docker(folder);
            case "smb" -> smb(folder);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static Type ssh(Path folder) throws Exception {
        Sshd sshd = Sshd.start(folder.resolve("sshd"));
        Path engine = StandIn.linuxEngine(folder.resolve("engine"));
        SshWorker worker = new SshWorker(WorkerSpecs.of("bench-ssh", new SshSettings("127.0.0.1", sshd.port(), sshd.user(),
                new SshLogin(sshd.userKey().toString(), sshd.knownHosts().toString(), null, null), engine.toString(), null, null,
                false)).folder(folder.resolve("worker")).build());
        return new Type(worker, sshd);
    }

    private static Type docker(Path folder) throws Exception {
        String image = TestImages.engine(folder);
        // a worker name of its own, so that its cache volume starts empty and is removed after
        String name = "bench-docker-" + Long.toString(System.nanoTime() & 0xffffff, 36);
        DockerWorker worker = new DockerWorker(WorkerSpecs.of(name, new DockerSettings(image, null, null, 1.0, "512m",
                TestImages.ENGINE, null, null, false, null, null)).build());
        return new Type(worker, () -> Processes.run(List.of("docker", "volume", "rm", "-f", "rasfleet-cache-" + name)));
    }

    private static Type smb(Path folder) throws Exception {
        Samba samba = Samba.start(folder.resolve("samba"), SMB_PASSWORD);
        Secrets.install(alias -> alias.equals("smb-login") ? SMB_PASSWORD.toCharArray() : Secrets.NONE.password(alias));
        Path config = folder.resolve("psexec.properties");
        Files.writeString(config, String.join("\n", "sessions=1:Active", "user=" + Samba.USER, "password=" + SMB_PASSWORD,
                "host=127.0.0.1", "map.0=C:\\RasShare|" + samba.shareFolder(),
                "map.1=C:\\HEC\\Ras.exe|" + StandIn.rasLauncher(folder.resolve("hec")), "log=" + folder.resolve("psexec-calls.log"))
                .replace("\\", "\\\\") + "\n");
        Path psexec = FakePsExec.launcher(folder.resolve("psexec"), config);
        PsExecWorker worker = new PsExecWorker(WorkerSpecs.of("bench-smb", new PsExecSettings("127.0.0.1", samba.port(),
                "\\\\127.0.0.1\\RasShare", 1, Samba.USER, "smb-login", "C:\\HEC\\Ras.exe", null, null, psexec.toString())).build());
        return new Type(worker, () -> {
            Secrets.install(null);
            samba.close();
        });
    }
}
