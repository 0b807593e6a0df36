package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how often a file appears in its folder under its name (a rename into place, or a
 * creation), as the folder's watcher sees it: how many deliveries a project received.
 */
public final class Renames implements AutoCloseable {

    private final WatchService watcher;
    private final Thread counting;
    private final AtomicInteger count = new AtomicInteger();

    private Renames(Path file) throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        file.toAbsolutePath().getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        Path name = file.getFileName();
        counting = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (name.equals(event.context())) {
                            count.incrementAndGet();
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                // closed
            }
        }, "renames-into-" + name);
        counting.setDaemon(true);
        counting.start();
    }

    public static Renames into(Path file) throws IOException {
        return new Renames(file);
    }

    /** The renames seen so far, after the watcher has had a moment to report the last one. */
    public int count() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(500);
        return count.get();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        counting.interrupt();
    }
}
