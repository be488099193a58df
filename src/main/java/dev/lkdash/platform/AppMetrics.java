package dev.lkdash.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * The application's metrics, registered with whatever registry the server provides: MicroProfile
 * Metrics on Payara, Micrometer on WildFly (31+ has no MicroProfile Metrics). Both publish the
 * same Prometheus names: a counter {@code a.b} as {@code a_b_total}, a histogram as
 * {@code a_b_count}, {@code a_b_sum}, {@code a_b_max} (quantiles on Payara only). The rest of the code
 * uses only this class, so it deploys on a server that lacks one of the two APIs.
 */
@ApplicationScoped
public class AppMetrics {

    private static final Logger LOG = Logger.getLogger(AppMetrics.class.getName());

    /** A monotonic count. */
    public interface Counter {
        void inc(long amount);

        default void inc() {
            inc(1);
        }
    }

    /** A distribution of values (the dashboard's are microseconds, with no unit the server would scale). */
    public interface Histogram {
        void update(long value);
    }

    /** What one server's metrics API offers; tags are name/value pairs. */
    interface Backend {
        Counter counter(String name, String description, String... tags);

        void gauge(String name, String description, IntSupplier value);

        Histogram histogram(String name, String description);

        /** Takes this deployment's metrics out of a registry that outlives it. */
        default void unregister() {
        }
    }

    private Backend backend;

    @PostConstruct
    void chooseBackend() {
        if (present("org.eclipse.microprofile.metrics.MetricRegistry")) {
            backend = CDI.current().select(MicroProfileMetrics.class).get();
        } else if (present("io.micrometer.core.instrument.MeterRegistry")) {
            backend = new MicrometerMetrics();
        } else {
            LOG.warning("The server offers neither MicroProfile Metrics nor Micrometer: the dashboard's metrics are not published");
            backend = new Unpublished();
        }
    }

    @PreDestroy
    void unregister() {
        backend.unregister();
    }

    public Counter counter(String name, String description, String... tags) {
        return backend.counter(name, description, tags);
    }

    public void gauge(String name, String description, IntSupplier value) {
        backend.gauge(name, description, value);
    }

    public Histogram histogram(String name, String description) {
        return backend.histogram(name, description);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AppMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** On a server without a metrics API the application still runs; it counts into nothing. */
    private static final class Unpublished implements Backend {
        @Override
        public Counter counter(String name, String description, String... tags) {
            return amount -> { };
        }

        @Override
        public void gauge(String name, String description, IntSupplier value) {
            // nothing reads it
        }

        @Override
        public Histogram histogram(String name, String description) {
            return value -> { };
        }
    }
}
