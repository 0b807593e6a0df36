package io.rasfleet.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The app server's own machine, by the name attempts record for work done here. */
public final class LocalHost {

    private static volatile String name;

    private LocalHost() {
    }

    public static String name() {
        String known = name;
        if (known == null) {
            try {
                known = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                known = System.getenv().getOrDefault("HOSTNAME", "localhost");
            }
            name = known;
        }
        return known;
    }
}
