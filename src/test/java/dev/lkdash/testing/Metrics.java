package dev.lkdash.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Reads values from the Prometheus text at /metrics. */
public final class Metrics {

    /**
     * The label every application metric carries: MicroProfile Metrics' scope on Payara, the
     * deployment on WildFly's Micrometer (system property {@code dashboard.metrics.application-label}).
     */
    public static final String APPLICATION = System.getProperty("dashboard.metrics.application-label", "mp_scope=\"application\"");

    private Metrics() {
    }

    public static String scrape(URL base) throws IOException {
        try (InputStream in = OperationsEndpoints.uri(base, "/metrics").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The value of the first sample whose line starts with the name and holds every label given. */
    public static double value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(Double.NaN);
    }
}
