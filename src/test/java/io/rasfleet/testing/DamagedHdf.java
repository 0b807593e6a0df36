package io.rasfleet.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Damages one attribute of an HDF5 file written by jhdf so that the attribute is still there but
 * cannot be read: the class byte of its datatype becomes 15, a class HDF5 does not define. jhdf
 * writes an attribute message as its name, NUL, then the datatype, whose first byte is the class
 * and version ({@code 0x13}: a version 1 string).
 */
public final class DamagedHdf {

    private static final byte STRING_V1 = 0x13;
    private static final byte UNDEFINED_CLASS = 0x1F;

    private DamagedHdf() {
    }

    /** Makes the string attribute {@code name} unreadable; fails when the file holds it not exactly once. */
    public static void unreadableStringAttribute(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] marker = (name + '\0').getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, marker, 0);
        if (at < 0 || indexOf(bytes, marker, at + 1) >= 0) {
            throw new IOException(file + " does not hold the attribute name " + name + " exactly once");
        }
        int datatype = at + marker.length;
        if (bytes[datatype] != STRING_V1) {
            throw new IOException(file + ": attribute " + name + " is not a version 1 string (datatype byte "
                    + Integer.toHexString(bytes[datatype] & 0xFF) + ")");
        }
        bytes[datatype] = UNDEFINED_CLASS;
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
