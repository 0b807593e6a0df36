package io.rasfleet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rasfleet.project.ProjectSnapshot;
import io.rasfleet.worker.SnapshotProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Damage done to a worker's copy of a snapshot from outside, as a disk, a network or a person
 * might: one file with a byte changed (same size), one cut short, one deleted. The three files are
 * the snapshot's first three of at least two bytes, so every test names the same kind of damage.
 */
public final class SnapshotDamage {

    private SnapshotDamage() {
    }

    /** The files to damage, in the order: changed byte, cut short, deleted. */
    public static List<String> victims(ProjectSnapshot snapshot) {
        List<String> victims = snapshot.entries().stream().filter(e -> e.size() >= 2).map(ProjectSnapshot.Entry::path).limit(3)
                .toList();
        assertEquals(3, victims.size(), "the snapshot has three files to damage");
        return victims;
    }

    /** Damages the copy of {@code snapshot} in {@code copy}, a folder this machine reaches; returns the damaged files. */
    public static List<String> damage(Path copy, ProjectSnapshot snapshot) throws IOException {
        List<String> victims = victims(snapshot);
        changeAByte(copy.resolve(victims.get(0)));
        cutShort(copy.resolve(victims.get(1)));
        Files.delete(copy.resolve(victims.get(2)));
        return victims;
    }

    /** Writes the file again with its middle byte changed: the same size, another hash. */
    public static void changeAByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
    }

    /** Keeps the first half of the file. */
    public static void cutShort(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** The worker's report holds exactly the manifest's files, sizes and hashes. */
    public static void assertProven(ProjectSnapshot snapshot, Map<String, ProjectSnapshot.Entry> held) {
        assertEquals(List.of(), SnapshotProof.differences(snapshot, held));
        for (ProjectSnapshot.Entry sent : snapshot.entries()) {
            assertEquals(sent, held.get(sent.path()), sent.path());
        }
    }

    /** The worker's report shows the three damages of {@link #damage}, each naming its file, and nothing else. */
    public static void assertDamageShown(ProjectSnapshot snapshot, Map<String, ProjectSnapshot.Entry> held, List<String> victims) {
        List<String> differences = SnapshotProof.differences(snapshot, held);
        assertEquals(3, differences.size(), differences.toString());
        assertTrue(differences.get(0).startsWith(victims.get(0) + " has another SHA-256"), differences.toString());
        assertTrue(differences.get(1).startsWith(victims.get(1) + " has "), differences.toString());
        assertTrue(differences.get(1).contains(" bytes instead of "), differences.toString());
        assertEquals(victims.get(2) + " is missing", differences.get(2));
        assertTrue(!held.containsKey(victims.get(2)), victims.get(2) + " is not reported");
    }
}
