package dev.lkdash.webhooks.control;

import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.platform.ApiException;
import dev.lkdash.guard.control.AddressRateLimiter;
import dev.lkdash.guard.control.Refusals;
import dev.lkdash.platform.LiveKitKeys;
import dev.lkdash.platform.LogText;
import dev.lkdash.reconciliation.control.Reconciliation;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.webhooks.entity.WebhookDelivery;
import dev.lkdash.webhooks.entity.WebhookReceipt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes one webhook delivery through the contract's checks, in order: rate limit, size (before
 * anything is verified), content type, configuration, signature, payload, duplicate; then records
 * the event (stored, then applied to the room state) and publishes it on the bus with the room's
 * new summary. A refused delivery changes nothing and its id is not remembered.
 */
@ApplicationScoped
public class WebhookIntake {

    private static final Logger LOG = Logger.getLogger(WebhookIntake.class.getName());
    /** LiveKit's own verifier allows this much clock skew. */
    static final Duration CLOCK_LEEWAY = Duration.ofSeconds(60);
    /**
     * How long a copy of an event waits for another copy in flight; past it the copy is answered
     * 503 and LiveKit retries (a commit normally takes milliseconds).
     */
    static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(10);

    @Inject
    LiveKitKeys keys;

    @Inject
    @ConfigProperty(name = "dashboard.webhook.max-body-bytes")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "dashboard.webhook.dedupe-minutes")
    int dedupeMinutes;

    @Inject
    @ConfigProperty(name = "dashboard.webhook.dedupe-max-ids")
    int dedupeMaxIds;

    @Inject
    @ConfigProperty(name = "dashboard.webhook.rate-limit-per-second")
    double rateLimitPerSecond;

    @Inject
    MessageJournal journal;

    @Inject
    Refusals refusals;

    @Inject
    RoomState rooms;

    @Inject
    WebhookMetrics metrics;

    @Inject
    Reconciliation reconciliation;

    @Inject
    WebhookHealth health;

    /** The message of an event stored while the journal refused it (shutting down, or Redis unreachable). */
    private record Unjournaled(String event, long acceptedAt, String json, String sharedChange) {
    }

    /** Events stored but not yet journaled, by id: their retry is journaled, not answered as a duplicate. */
    private final Map<String, Unjournaled> unjournaled = new ConcurrentHashMap<>();

    private WebhookVerifier verifier;
    private EventIdMemory acceptedIds;
    private AddressRateLimiter rateLimiter;

    @PostConstruct
    void configure() {
        acceptedIds = new EventIdMemory(dedupeMaxIds, Duration.ofMinutes(dedupeMinutes), System::nanoTime);
        rateLimiter = new AddressRateLimiter(rateLimitPerSecond, System::nanoTime);
        if (keys.isConfigured()) {
            verifier = new WebhookVerifier(keys.key(), keys.secret(), CLOCK_LEEWAY, Clock.systemUTC());
            LOG.info(() -> String.format(Locale.ROOT,
                    "Webhooks enabled: max body %d bytes, duplicates remembered %d min (up to %d ids), rate limit %s",
                    maxBodyBytes, dedupeMinutes, dedupeMaxIds,
                    rateLimiter.isEnabled() ? rateLimitPerSecond + "/s per address" : "off"));
        } else {
            LOG.warning("Webhooks are refused (503 not_configured): set livekit.api.key and livekit.api.secret");
        }
    }

    public WebhookReceipt accept(WebhookDelivery delivery) {
        long started = System.nanoTime();
        String event = "unknown";
        String outcome = "error";
        try {
            long retryAfter = rateLimiter.acquire(delivery.remoteAddress());
            if (retryAfter > 0) {
                throw WebhookRefusal.rateLimited(retryAfter);
            }
            byte[] body = readWithinLimit(delivery);
            requireWebhookJson(delivery.contentType());
            if (verifier == null) {
                throw WebhookRefusal.notConfigured();
            }
            byte[] bodySha256 = WebhookVerifier.sha256(body);
            verifier.verify(delivery.authorization(), bodySha256);
            LiveKitEvent accepted = WebhookParser.parse(body, bodySha256);
            event = accepted.name();
            WebhookReceipt receipt = recordOnce(accepted, body);
            outcome = receipt.id() == null ? "duplicate" : "accepted";
            if (receipt.id() == null) {
                health.duplicate(System.currentTimeMillis());
            } else {
                health.accepted(event, accepted.event().getNumDropped(), System.currentTimeMillis());
            }
            if (receipt.id() != null && accepted.event().getNumDropped() > 0) {
                // LiveKit lost webhooks of this queue: what they said is missing until LiveKit is asked
                metrics.livekitDropped(accepted.event().getNumDropped());
                reconciliation.runSoon();
            }
            return receipt;
        } catch (ApiException refused) {
            outcome = refused.code();
            health.refused(refused.code(), delivery.remoteAddress(), System.currentTimeMillis());
            refusals.logOnly("webhook " + refused.code(), "latest from " + LogText.of(delivery.remoteAddress())
                    + ": " + LogText.of(refused.getMessage()));
            throw refused;
        } finally {
            metrics.received(event, outcome, System.nanoTime() - started);
        }
    }

    /**
     * Records the event once: a copy whose id is claimed by a copy in flight waits for that one's
     * outcome. An event is stored with everything derived from it in one transaction, so an event
     * stored is also applied; it is answered 200 only once committed and (when new) journaled.
     */
    private WebhookReceipt recordOnce(LiveKitEvent accepted, byte[] body) {
        if (!journal.busReachable()) {
            // nothing is stored that could not be told: LiveKit retries until the bus answers
            throw ApiException.unavailable("The message bus cannot be reached; retry later");
        }
        boolean claimed;
        try {
            claimed = acceptedIds.claim(accepted.webhookId(), IN_FLIGHT_WAIT);
        } catch (EventIdMemory.StillInFlight waiting) {
            throw ApiException.unavailable("Another copy of this event is still being recorded; retry later");
        }
        if (!claimed) {
            LOG.fine(() -> "Duplicate webhook " + accepted.webhookId() + " (" + accepted.name() + ") dropped");
            return WebhookReceipt.duplicate();
        }
        try {
            long acceptedAt = System.currentTimeMillis();
            ProjectionUpdate update = rooms.record(accepted, body, acceptedAt);
            Unjournaled message = update != null ? new Unjournaled(accepted.name(), acceptedAt,
                    messageJson(accepted, acceptedAt, update), update.sharedChange())
                    : unjournaled.remove(accepted.webhookId());
            if (message == null) {
                acceptedIds.complete(accepted.webhookId());
                LOG.fine(() -> "Webhook " + accepted.webhookId() + " was recorded before; dropped");
                return WebhookReceipt.duplicate();
            }
            String published;
            try {
                published = journal.publish(message.event(), message.acceptedAt(), message.json(), message.sharedChange());
            } catch (RuntimeException notJournaled) {
                unjournaled.put(accepted.webhookId(), message); // stored: a retry journals it, never a duplicate
                throw notJournaled;
            }
            acceptedIds.complete(accepted.webhookId());
            LOG.fine(() -> "Webhook " + accepted.webhookId() + " (" + accepted.name() + ") accepted as "
                    + published);
            return WebhookReceipt.accepted(published);
        } catch (RuntimeException notRecorded) {
            acceptedIds.release(accepted.webhookId());
            LOG.log(Level.WARNING, "Webhook " + accepted.webhookId() + " could not be recorded; LiveKit will retry",
                    notRecorded);
            throw ApiException.unavailable("The event could not be recorded; retry later");
        }
    }

    /**
     * On the shared stream, publishes the messages of events stored while Redis could not take
     * them, unless a retry of the event did so first: each is published once, by whoever takes
     * it from the map. Called every few seconds; once Redis answers again they reach the stream.
     */
    public void publishStranded() {
        if (!journal.isShared() || unjournaled.isEmpty() || !journal.busReachable()) {
            return;
        }
        for (String webhookId : List.copyOf(unjournaled.keySet())) {
            Unjournaled message = unjournaled.remove(webhookId);
            if (message == null) {
                continue; // its retry took it
            }
            try {
                String id = journal.publish(message.event(), message.acceptedAt(), message.json(), message.sharedChange());
                LOG.info(() -> "Webhook " + webhookId + ", stored while the bus was down, published as " + id);
            } catch (RuntimeException stillDown) {
                unjournaled.putIfAbsent(webhookId, message);
                return;
            }
        }
    }

    private byte[] readWithinLimit(WebhookDelivery delivery) {
        if (delivery.contentLength() > maxBodyBytes) {
            throw WebhookRefusal.payloadTooLarge(maxBodyBytes);
        }
        try (InputStream body = delivery.body()) {
            byte[] bytes = body.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw WebhookRefusal.payloadTooLarge(maxBodyBytes);
            }
            return bytes;
        } catch (IOException unreadable) {
            throw WebhookRefusal.malformedPayload("The body could not be read");
        }
    }

    private static void requireWebhookJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException unparsable) {
            type = null;
        }
        boolean json = type != null && "application".equalsIgnoreCase(type.getType())
                && ("webhook+json".equalsIgnoreCase(type.getSubtype()) || "json".equalsIgnoreCase(type.getSubtype()));
        if (!json) {
            throw WebhookRefusal.unsupportedMediaType();
        }
    }

    /**
     * Takes a made-up room session's webhooks through every step a real one takes (verification,
     * parsing, storing and deriving, the stream message) except the commit and the bus: what a
     * start leaves cold costs the first real webhooks, so the start pays it before the dashboard
     * reports ready. Nothing of it is kept, counted or shown.
     */
    public void rehearse() {
        if (verifier == null) {
            return; // every webhook is refused without keys: there is no path to warm
        }
        long began = System.nanoTime();
        long acceptedAt = System.currentTimeMillis();
        List<byte[]> bodies = RehearsalWebhooks.bodies(acceptedAt);
        List<LiveKitEvent> events = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            byte[] bodySha256 = WebhookVerifier.sha256(body);
            verifier.verify(verifier.tokenFor(bodySha256), bodySha256);
            events.add(WebhookParser.parse(body, bodySha256));
        }
        List<ProjectionUpdate> updates = rooms.rehearse(events, bodies, acceptedAt);
        for (int i = 0; i < events.size(); i++) {
            if (updates.get(i) != null) {
                messageJson(events.get(i), acceptedAt, updates.get(i));
            }
        }
        LOG.info(() -> String.format(Locale.ROOT, "Webhook path rehearsed in %d ms (%d made-up webhooks, none kept)",
                (System.nanoTime() - began) / 1_000_000, events.size()));
    }

    /** The stream message of a recorded event, with the room's summary after it when there is one. */
    private static String messageJson(LiveKitEvent accepted, long acceptedAt, ProjectionUpdate update) {
        return MessageFactory.livekit(accepted, acceptedAt,
                update.roomSummary() == null ? null : update.roomSummary().toJson());
    }

    public boolean isConfigured() {
        return verifier != null;
    }
}
