package io.rasfleet.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Brings a file into the user's project so that nobody ever sees half of it: it is written beside
 * its target under a hidden temporary name, flushed to disk, checked for length, and only then
 * renamed over the target in one step. A failed delivery leaves the old file as it was.
 */
public final class HomeDelivery {

    private HomeDelivery() {
    }

    /**
     * Asked immediately before the rename into the target folder: throws {@link Refused} when the
     * caller may no longer deliver (its attempt is no longer its own), and nothing is renamed.
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = () -> { };

        void check() throws Refused;
    }

    /** A delivery its guard refused: the target was left as it was. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Delivers a local file. */
    public static void deliver(Path source, Path target) throws IOException {
        deliver(source, target, Guard.NONE);
    }

    /** Delivers a local file if {@code guard} still allows it at the moment of the rename. */
    public static void deliver(Path source, Path target, Guard guard) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            deliver(in, Files.size(source), target, guard);
        }
    }

    /** Delivers a stream of {@code expectedBytes} bytes (from SFTP, SMB, a Docker archive ...); -1 if unknown. */
    public static void deliver(InputStream in, long expectedBytes, Path target) throws IOException {
        deliver(in, expectedBytes, target, Guard.NONE);
    }

    private static void deliver(InputStream in, long expectedBytes, Path target, Guard guard) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path partial = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".rasfleet-partial");
        try {
            long written;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                written = in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            if (expectedBytes >= 0 && written != expectedBytes) {
                throw new IOException("delivery of " + target.getFileName() + " was cut short: " + written + " of "
                        + expectedBytes + " bytes");
            }
            guard.check();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
