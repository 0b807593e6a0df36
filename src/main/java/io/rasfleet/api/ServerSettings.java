package io.rasfleet.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Where the server keeps its own files, and which project folders it may run. */
@ApplicationScoped
public class ServerSettings {

    private final Path dataFolder = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")))
            .resolve("rasfleet");
    private final ProjectRoots roots = ProjectRoots.configured(dataFolder.resolve("projects"));

    public Path dataFolder() {
        return dataFolder;
    }

    public ProjectRoots roots() {
        return roots;
    }
}
