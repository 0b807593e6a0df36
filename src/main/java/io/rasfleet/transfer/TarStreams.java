package io.rasfleet.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Files in and out of tar streams, the form a Docker engine's archive API takes and gives: a
 * project snapshot is streamed into one, never held in memory, and a result comes out of one
 * straight into {@link HomeDelivery}.
 */
public final class TarStreams {

    private TarStreams() {
    }

    /**
     * A tar stream of {@code files} (relative to {@code folder}, '/'-separated), written by a thread of
     * its own as the reader reads. A file that cannot be read fails the reader with that file's name.
     */
    public static InputStream of(Path folder, Collection<String> files) throws IOException {
        java.util.Map<String, Path> entries = new java.util.LinkedHashMap<>();
        for (String relative : files) {
            entries.put(relative, folder.resolve(relative));
        }
        return of(entries);
    }

    /** A tar stream of files under names of their own ('/'-separated relative paths). */
    public static InputStream of(java.util.Map<String, Path> entries) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream o = out) {
                write(entries, o);
            } catch (IOException e) {
                failure.set(e);
            }
        }, "rasfleet-tar-writer");
        writer.setDaemon(true);
        writer.start();
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0 && failure.get() != null) {
                    throw failure.get();
                }
                return n;
            }
        };
    }

    private static void write(java.util.Map<String, Path> entries, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        java.util.Set<String> folders = new java.util.TreeSet<>();
        for (java.util.Map.Entry<String, Path> named : entries.entrySet()) {
            String relative = named.getKey();
            int slash = relative.indexOf('/');
            while (slash > 0) {
                String parent = relative.substring(0, slash);
                if (folders.add(parent)) {
                    TarArchiveEntry dir = new TarArchiveEntry(parent + "/");
                    dir.setMode(040755);
                    tar.putArchiveEntry(dir);
                    tar.closeArchiveEntry();
                }
                slash = relative.indexOf('/', slash + 1);
            }
            Path file = named.getValue();
            TarArchiveEntry entry = new TarArchiveEntry(relative);
            entry.setSize(Files.size(file));
            entry.setMode(0100644);
            entry.setModTime(Files.getLastModifiedTime(file).toMillis());
            tar.putArchiveEntry(entry);
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(tar);
            } catch (IOException e) {
                throw new IOException("cannot read " + file + " into the archive: " + e.getMessage(), e);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    /** Delivers the first file of a tar stream to {@code target} atomically; false when the stream holds none. */
    public static boolean extractFirstFile(InputStream archive, Path target) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isFile()) {
                HomeDelivery.deliver(new LimitedInputStream(tar, entry.getSize()), entry.getSize(), target);
                return true;
            }
        }
        return false;
    }
}
