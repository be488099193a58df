package dev.lkdash.platform;

import jakarta.enterprise.inject.spi.CDI;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** {@link AppMetrics} on MicroProfile Metrics (Payara): the application registry. */
final class MicroProfileMetrics implements AppMetrics.Backend {

    private final MetricRegistry registry = CDI.current().select(MetricRegistry.class).get();

    @Override
    public AppMetrics.Counter counter(String name, String description, String... tags) {
        org.eclipse.microprofile.metrics.Counter counter = registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), tags(tags));
        return counter::inc;
    }

    @Override
    public void gauge(String name, String description, IntSupplier value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                value, IntSupplier::getAsInt);
    }

    @Override
    public AppMetrics.Histogram histogram(String name, String description) {
        // no unit: Payara scales a timer's or histogram's quantiles and its sum differently (one of
        // them is always off by 10^3 or 10^9), so the name carries the unit and nothing is scaled
        org.eclipse.microprofile.metrics.Histogram histogram = registry.histogram(Metadata.builder()
                .withName(name).withDescription(description).withUnit(MetricUnits.NONE).build());
        return histogram::update;
    }

    private static Tag[] tags(String... pairs) {
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }
}
