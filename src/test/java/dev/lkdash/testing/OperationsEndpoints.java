package dev.lkdash.testing;

import java.net.URI;
import java.net.URL;

/**
 * Where the server's own endpoints ({@code /health*}, {@code /metrics}) answer: beside the
 * application on Payara Micro, on the management interface on WildFly (system property
 * {@code dashboard.operations.url}, set by the {@code wildfly} build profile).
 */
public final class OperationsEndpoints {

    private OperationsEndpoints() {
    }

    public static URI uri(URL base, String path) {
        return URI.create(besideTheApplication() ? base.toString() : System.getProperty("dashboard.operations.url")).resolve(path);
    }

    /** Whether they are the application's own (Payara Micro), where its settings such as the metrics token apply. */
    public static boolean besideTheApplication() {
        return System.getProperty("dashboard.operations.url", "").isEmpty();
    }
}
