package dev.lkdash.stream.control;

import dev.lkdash.events.entity.MessagePublished;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stream transport chosen by {@code dashboard.sse.transport}: {@code jaxrs} (the default,
 * JAX-RS {@code SseBroadcaster}, {@link BroadcastStreams}) or {@code servlet} (non-blocking servlet
 * output, {@link ServletStreamWriter}). Only the chosen one is created; it gets the journal's
 * notifications and the heartbeat timer's ticks from here.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class.getName());
    public static final String JAXRS = "jaxrs";
    public static final String SERVLET = "servlet";

    @Inject
    @ConfigProperty(name = "dashboard.sse.transport")
    String transport;

    @Inject
    Instance<BroadcastStreams> broadcastStreams;

    @Inject
    Instance<ServletStreamWriter> servletStreams;

    @Inject
    StreamOpener opener;

    @Inject
    HalfOpenStreams halfOpen;

    private StreamTransport active;

    @PostConstruct
    void choose() {
        String chosen = transport.strip().toLowerCase(Locale.ROOT);
        active = switch (chosen) {
            case JAXRS -> broadcastStreams.get();
            case SERVLET -> servletStreams.get();
            default -> throw new IllegalStateException("dashboard.sse.transport must be jaxrs or servlet");
        };
        LOG.info(() -> "Event stream transport: " + chosen);
    }

    public boolean servletChosen() {
        return active instanceof ServletStreamWriter;
    }

    void onPublished(@ObservesAsync MessagePublished published) {
        active.published();
    }

    /** The heartbeat timer's tick; never throws, as the container would run a failed timeout again. */
    public void tick() {
        try {
            active.tick();
            halfOpen.tick();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "The stream tick failed", failure);
        }
    }

    public int openStreams() {
        return opener.openStreams();
    }

    public boolean isRunning() {
        return active.isRunning();
    }
}
