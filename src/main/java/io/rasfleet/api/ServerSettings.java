package io.rasfleet.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Where the server keeps its own files, and which project folders it may run. */
@ApplicationScoped
public class ServerSettings {

    private final Path dataFolder = io.rasfleet.config.ServerConfig.dataFolder();
    private final ProjectRoots roots = ProjectRoots.configured(dataFolder.resolve("projects"));

    public Path dataFolder() {
        return dataFolder;
    }

    public ProjectRoots roots() {
        return roots;
    }
}
