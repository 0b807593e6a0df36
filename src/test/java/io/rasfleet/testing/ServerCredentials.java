package io.rasfleet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Puts a password into the test server's Elytron credential store {@code rasfleet} (made on first
 * use) through WildFly's own CLI, the way an operator does; returns the alias to configure.
 */
public final class ServerCredentials {

    private ServerCredentials() {
    }

    /** The IT server's management address: its own port when a checkout runs it on another ({@code rasfleet.it.managementPort}). */
    public static String controller() {
        return "--controller=remote+http://localhost:" + System.getProperty("rasfleet.it.managementPort", "9990");
    }

    public static String add(Path scratch, String secret) throws IOException, InterruptedException {
        return add(scratch, secret, Path.of(System.getProperty("rasfleet.it.server")),
                Integer.parseInt(System.getProperty("rasfleet.it.managementPort", "9990")));
    }

    /** As {@link #add(Path, String)}, into the server at {@code server} whose management port is {@code managementPort}. */
    public static String add(Path scratch, String secret, Path server, int managementPort) throws IOException, InterruptedException {
        String alias = "login-" + UUID.randomUUID().toString().substring(0, 8);
        Path cli = Files.writeString(Files.createTempFile(scratch, "credential-store-", ".cli"), String.join("\n",
                "if (outcome != success) of /subsystem=elytron/credential-store=rasfleet:read-resource",
                "/subsystem=elytron/credential-store=rasfleet:add(location=\"" + scratch.resolve("rasfleet-" + UUID.randomUUID() + ".cs")
                        + "\", create=true, credential-reference={clear-text=\"store-pass-1\"})",
                "end-if",
                "/subsystem=elytron/credential-store=rasfleet:add-alias(alias=" + alias + ", secret-value=\"" + secret + "\")", ""));
        try {
            Processes.check(Processes.run(List.of(server.resolve("bin/jboss-cli.sh").toString(), "-c",
                    "--controller=remote+http://localhost:" + managementPort, "--file=" + cli)),
                    "adding a credential to the server's store");
        } finally {
            Files.delete(cli);
        }
        return alias;
    }
}
