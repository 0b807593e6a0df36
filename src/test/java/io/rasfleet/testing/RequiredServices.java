package io.rasfleet.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class whose outside service is absent, saying why; fails it instead when the
 * service is named in {@code -Drasfleet.require=...} (as CI does). The service a class needs is
 * the system property {@code rasfleet.it.db} for the server ITs (postgresql); the others (docker,
 * sshd, samba, chromium for the console's browser IT) are checked by the tests with
 * {@link Services#need}, which honours the same {@code -Drasfleet.require}.
 */
public class RequiredServices implements ExecutionCondition {

    private static final Set<String> REQUIRED = Arrays.stream(System.getProperty("rasfleet.require", "").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(System.getProperty("rasfleet.it.db"))) {
            return ConditionEvaluationResult.enabled("no outside service needed");
        }
        if (reachable("127.0.0.1", 5432)) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers on 127.0.0.1:5432");
        }
        if (REQUIRED.contains("postgres")) {
            throw new IllegalStateException("PostgreSQL is required (-Drasfleet.require) but nothing answers on 127.0.0.1:5432");
        }
        return ConditionEvaluationResult.disabled("PostgreSQL does not answer on 127.0.0.1:5432; skipped");
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
