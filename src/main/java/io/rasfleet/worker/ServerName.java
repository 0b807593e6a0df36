package io.rasfleet.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A rasfleet server's name (and a worker's: {@link WorkerSpec#tag()}) as it appears in what the server leaves on workers: folder names on
 * every file system, Docker volume and container names, labels and process environments.
 */
public final class ServerName {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,47}");

    private ServerName() {
    }

    /**
     * {@code name} itself when it is a safe word; else its safe characters and a short hash of the
     * whole, so that two servers whose names differ only in unsafe characters stay apart.
     */
    public static String safe(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a server needs a name (jboss.node.name)");
        }
        if (SAFE.matcher(name).matches() && !name.contains("..")) {
            return name;
        }
        String kept = name.replaceAll("[^A-Za-z0-9_.-]", "-").replace("..", "-").replaceAll("^[^A-Za-z0-9]+", "");
        kept = kept.length() > 36 ? kept.substring(0, 36) : kept;
        return (kept.isEmpty() ? "server" : kept) + "-" + shortHash(name);
    }

    /** Eight hex digits of the name's SHA-256: apart what safe characters alone would join. */
    public static String hash(String name) {
        return shortHash(name);
    }

    private static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
