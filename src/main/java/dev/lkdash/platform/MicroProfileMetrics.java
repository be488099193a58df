package dev.lkdash.platform;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link AppMetrics} on MicroProfile Metrics (Payara): the application registry. A bean so that
 * the registry comes through a real injection point (Payara's producer reads its annotations); on
 * a server without the API the bean is skipped, since its class does not load.
 */
@Dependent
class MicroProfileMetrics implements AppMetrics.Backend {

    @Inject
    MetricRegistry registry;

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
