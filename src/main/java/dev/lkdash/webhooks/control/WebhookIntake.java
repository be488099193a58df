package dev.lkdash.webhooks.control;

import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.events.entity.DashboardMessage;
import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.LiveKitKeys;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.webhooks.entity.WebhookDelivery;
import dev.lkdash.webhooks.entity.WebhookReceipt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
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
    RoomState rooms;

    @Inject
    WebhookMetrics metrics;

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
            return receipt;
        } catch (ApiException refused) {
            outcome = refused.code();
            if (refused.getResponse().getStatus() != 429) {
                LOG.info(() -> "Webhook from " + delivery.remoteAddress() + " refused: " + refused.code()
                        + " (" + refused.getMessage() + ")");
            }
            throw refused;
        } finally {
            metrics.received(event, outcome, System.nanoTime() - started);
        }
    }

    private WebhookReceipt recordOnce(LiveKitEvent accepted, byte[] body) {
        if (!acceptedIds.claim(accepted.webhookId())) {
            LOG.fine(() -> "Duplicate webhook " + accepted.webhookId() + " (" + accepted.name() + ") dropped");
            return WebhookReceipt.duplicate();
        }
        try {
            long acceptedAt = System.currentTimeMillis();
            ProjectionUpdate update = rooms.record(accepted, body, acceptedAt);
            if (update == null) {
                LOG.fine(() -> "Webhook " + accepted.webhookId() + " was recorded before; dropped");
                return WebhookReceipt.duplicate();
            }
            JsonObject roomSummary = update.roomSummary() == null ? null : update.roomSummary().toJson();
            DashboardMessage message = journal.publish(accepted.name(), acceptedAt,
                    MessageFactory.livekit(accepted, acceptedAt, roomSummary));
            LOG.fine(() -> "Webhook " + accepted.webhookId() + " (" + accepted.name() + ") accepted as " + message.id());
            return WebhookReceipt.accepted(message.id());
        } catch (RuntimeException notRecorded) {
            acceptedIds.release(accepted.webhookId());
            LOG.log(Level.WARNING, "Webhook " + accepted.webhookId() + " could not be recorded; LiveKit will retry",
                    notRecorded);
            throw ApiException.unavailable("The event could not be recorded; retry later");
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
            throw WebhookRefusal.malformedPayload("The body could not be read: " + unreadable.getMessage());
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
            throw WebhookRefusal.unsupportedMediaType(contentType == null ? "no content type" : contentType);
        }
    }

    public boolean isConfigured() {
        return verifier != null;
    }
}
