package dev.lkdash.platform;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * {@link AppMetrics} on Micrometer: WildFly's micrometer subsystem injects the deployment's
 * registry, and its Prometheus registry publishes it. That registry forwards only what is created
 * through its {@code counter}/{@code gauge}/{@code summary} methods (a meter builder's
 * {@code register} would stay in the deployment's copy, unpublished), so no builders here, and no
 * descriptions. A histogram has {@code _count}, {@code _sum} and {@code _max} as on Payara, without
 * its quantile lines: Micrometer computes those with HdrHistogram, which WildFly's module lacks.
 */
final class MicrometerMetrics implements AppMetrics.Backend {

    private final MeterRegistry registry = CDI.current().select(MeterRegistry.class).get();
    /** Micrometer holds a gauge's object weakly: these keep the gauges alive. */
    private final List<IntSupplier> gauges = new CopyOnWriteArrayList<>();
    /**
     * WildFly's registry is the server's: without removal an undeployed dashboard's meters stay
     * published (a gauge keeping the old application alive) beside a redeployed one's.
     */
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    @Override
    public AppMetrics.Counter counter(String name, String description, String... tags) {
        io.micrometer.core.instrument.Counter counter = registry.counter(name, Tags.of(tags));
        registered.add(counter);
        return amount -> counter.increment(amount);
    }

    @Override
    public void gauge(String name, String description, IntSupplier value) {
        gauges.add(value);
        registry.gauge(name, Tags.empty(), value, IntSupplier::getAsInt);
        registry.find(name).meters().forEach(registered::add);
    }

    @Override
    public AppMetrics.Histogram histogram(String name, String description) {
        DistributionSummary summary = registry.summary(name, Tags.empty());
        registered.add(summary);
        return summary::record;
    }

    @Override
    public void unregister() {
        registered.forEach(registry::remove);
        registered.clear();
        gauges.clear();
    }
}
