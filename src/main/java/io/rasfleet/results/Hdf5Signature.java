package io.rasfleet.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What the first bytes of a file say before a HDF5 library is asked: is it HDF5 at all, and is it
 * as long as its superblock says? A copy cut short by a dead network link is common, and a HDF5
 * library's errors on such a file say nothing a user can act on.
 */
final class Hdf5Signature {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long UNDEFINED = -1L;

    private Hdf5Signature() {
    }

    /** Null when the file looks whole; otherwise what is wrong with it, in words. */
    static String problem(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return "is empty (0 bytes)";
            }
            for (long offset = 0; offset + SIGNATURE.length <= size; offset = offset == 0 ? 512 : offset * 2) {
                ByteBuffer head = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(head, offset);
                head.flip();
                if (head.remaining() >= SIGNATURE.length && Arrays.equals(slice(head, 0, SIGNATURE.length), SIGNATURE)) {
                    long end = endOfFile(head);
                    if (end == UNDEFINED) {
                        return "has a HDF5 superblock that cannot be read (cut off after " + size + " bytes?)";
                    }
                    if (offset + end > size) {
                        return "is truncated: " + size + " bytes of the " + (offset + end) + " its HDF5 superblock announces";
                    }
                    return null;
                }
            }
            return "is not a HDF5 file (no HDF5 signature)";
        }
    }

    /** The superblock's end-of-file address, relative to the base, for superblock versions 0 to 3. */
    private static long endOfFile(ByteBuffer head) {
        if (head.remaining() < 16) {
            return UNDEFINED;
        }
        int version = head.get(8);
        int offsets;
        int position;
        if (version == 0 || version == 1) {
            offsets = head.get(13);
            position = 24 + (version == 1 ? 4 : 0) + 2 * offsets;
        } else if (version == 2 || version == 3) {
            offsets = head.get(9);
            position = 12 + 2 * offsets;
        } else {
            return UNDEFINED;
        }
        if (offsets != 8 && offsets != 4 || head.remaining() < position + offsets) {
            return UNDEFINED;
        }
        return offsets == 8 ? head.getLong(position) : Integer.toUnsignedLong(head.getInt(position));
    }

    private static byte[] slice(ByteBuffer buffer, int from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = buffer.get(from + i);
        }
        return bytes;
    }
}
