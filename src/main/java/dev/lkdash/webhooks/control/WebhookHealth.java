package dev.lkdash.webhooks.control;

import static dev.lkdash.platform.JsonProviders.JSON;

import dev.lkdash.events.control.MessageFactory;
import dev.lkdash.events.control.MessageJournal;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.store.control.Database;
import dev.lkdash.webhooks.control.WebhookHealthStore.Key;
import dev.lkdash.webhooks.control.WebhookHealthStore.Tally;
import dev.lkdash.webhooks.entity.WebhookHealthReport;
import dev.lkdash.webhooks.entity.WebhookHealthReport.EventTally;
import dev.lkdash.webhooks.entity.WebhookHealthReport.Refusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook health: what LiveKit delivered, what was refused and why, its retries and the webhooks it
 * says it dropped. Deliveries are counted in memory (a map update per webhook) and added to hourly
 * rows every few seconds by {@link #flush()}, so a flood of refused requests costs the database one
 * row per hour and reason, and the latest refusals. What was not flushed yet when the server stops
 * is lost (at most one flush interval of counts).
 */
@ApplicationScoped
public class WebhookHealth {

    private static final Logger LOG = Logger.getLogger(WebhookHealth.class.getName());
    static final long HOUR_MS = 3_600_000L;
    /** The system message that tells dashboards the health changed. */
    public static final String MESSAGE_EVENT = "webhook_health";
    /** Refusals and corrections listed. */
    static final int LISTED = 20;
    /** Every refusal reason of the contract: each is reported, zero or not. */
    static final List<String> REASONS = List.of("invalid_signature", "malformed_payload", "payload_too_large",
            "unsupported_media_type", "rate_limited", "not_configured");
    /** Event names longer than a column holds are cut: they come signed from LiveKit, but are still input. */
    private static final int NAME_MAX = 64;

    @Inject
    Database database;

    @Inject
    RoomState rooms;

    @Inject
    MessageJournal journal;

    @Inject
    @ConfigProperty(name = "dashboard.history.retention-days")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "dashboard.webhook.silence-minutes")
    long silenceMinutes;

    private final Object lock = new Object();
    private Map<Key, Tally> pending = new HashMap<>();
    private Deque<Refusal> pendingRefusals = new ArrayDeque<>();
    /** Counted what no livekit message shows (a refusal, a duplicate, numDropped): dashboards are told. */
    private boolean untold;
    private volatile long lastReceivedAt;
    private long startedAt;

    /** Created at start, so that reading the stored totals is not left to the first webhook. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's only job is to create this bean, which reads in @PostConstruct
    }

    @PostConstruct
    void start() {
        startedAt = System.currentTimeMillis();
        lastReceivedAt = database.read(connection -> WebhookHealthStore.totalsSince(connection, cutoff(startedAt)))
                .entrySet().stream()
                .filter(tally -> tally.getKey().kind().equals(WebhookHealthStore.EVENT)
                        || tally.getKey().kind().equals(WebhookHealthStore.DUPLICATE))
                .mapToLong(tally -> tally.getValue().lastAt()).max().orElse(0);
    }

    /** An event LiveKit signed was accepted (not a retry). */
    public void accepted(String event, long numDropped, long at) {
        String name = event.length() > NAME_MAX ? event.substring(0, NAME_MAX) : event;
        synchronized (lock) {
            count(WebhookHealthStore.EVENT, name, 1, at);
            if (numDropped > 0) {
                count(WebhookHealthStore.DROPPED, "", numDropped, at);
                untold = true;
            }
            lastReceivedAt = Math.max(lastReceivedAt, at);
        }
    }

    /** A LiveKit retry of an event accepted before. */
    public void duplicate(long at) {
        synchronized (lock) {
            count(WebhookHealthStore.DUPLICATE, "", 1, at);
            untold = true;
            lastReceivedAt = Math.max(lastReceivedAt, at);
        }
    }

    /** A delivery refused with one of the contract's reasons; other codes are not webhook health. */
    public void refused(String reason, String address, long at) {
        if (!REASONS.contains(reason)) {
            return;
        }
        String from = address == null ? "" : address.length() > 64 ? address.substring(0, 64) : address;
        synchronized (lock) {
            count(WebhookHealthStore.REFUSED, reason, 1, at);
            untold = true;
            pendingRefusals.addFirst(new Refusal(at, reason, from));
            if (pendingRefusals.size() > LISTED) {
                pendingRefusals.removeLast();
            }
        }
    }

    private void count(String kind, String name, long count, long at) {
        pending.merge(new Key(at - at % HOUR_MS, kind, name), new Tally(count, at), Tally::plus);
    }

    /**
     * Adds what was counted since the last flush to the database and, when that holds what no
     * livekit message showed, tells the dashboards with a {@code system} {@code webhook_health}
     * message. A failed flush keeps the counts for the next one.
     */
    public void flush() {
        Map<Key, Tally> tallies;
        List<Refusal> refusals;
        boolean tell;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            tallies = pending;
            refusals = new ArrayList<>(pendingRefusals);
            tell = untold;
            pending = new HashMap<>();
            pendingRefusals = new ArrayDeque<>();
            untold = false;
        }
        try {
            database.transaction(connection -> {
                WebhookHealthStore.add(connection, tallies);
                WebhookHealthStore.addRefusals(connection, refusals);
                return null;
            });
        } catch (RuntimeException failed) {
            synchronized (lock) {
                tallies.forEach((key, tally) -> pending.merge(key, tally, Tally::plus));
                refusals.forEach(pendingRefusals::addLast);
                while (pendingRefusals.size() > LISTED) {
                    pendingRefusals.removeLast();
                }
                untold |= tell;
            }
            LOG.log(Level.WARNING, "Webhook health could not be stored; the next flush tries again", failed);
            return;
        }
        if (!tell) {
            return; // accepted events only: their own livekit messages told the dashboards
        }
        long now = System.currentTimeMillis();
        journal.publish(MESSAGE_EVENT, now, MessageFactory.system(MESSAGE_EVENT, now,
                JSON.createObjectBuilder().add("action", MESSAGE_EVENT).build()));
    }

    /** Deletes the hours and refusals older than the retention. */
    public void prune(long now) {
        database.transaction(connection -> {
            WebhookHealthStore.deleteBefore(connection, cutoff(now));
            return null;
        });
    }

    public WebhookHealthReport report() {
        long now = System.currentTimeMillis();
        long cutoff = cutoff(now);
        Map<Key, Tally> totals = new HashMap<>();
        List<Refusal> unflushed;
        synchronized (lock) {
            pending.forEach((key, tally) -> totals.merge(new Key(0, key.kind(), key.name()), tally, Tally::plus));
            unflushed = new ArrayList<>(pendingRefusals);
        }
        record Stored(Map<Key, Tally> totals, Long firstHour, List<Refusal> refusals,
                      List<WebhookHealthReport.CorrectionSeen> corrections) {
        }
        Stored stored = database.read(connection -> new Stored(WebhookHealthStore.totalsSince(connection, cutoff),
                WebhookHealthStore.firstHour(connection, cutoff), WebhookHealthStore.recentRefusals(connection, LISTED),
                WebhookHealthStore.corrections(connection, LISTED)));
        stored.totals().forEach((key, tally) -> totals.merge(key, tally, Tally::plus));

        Map<String, EventTally> byEvent = new TreeMap<>();
        Map<String, Long> refused = new TreeMap<>();
        REASONS.forEach(reason -> refused.put(reason, 0L));
        long duplicates = 0;
        long dropped = 0;
        for (Map.Entry<Key, Tally> entry : totals.entrySet()) {
            Tally tally = entry.getValue();
            switch (entry.getKey().kind()) {
                case WebhookHealthStore.EVENT -> byEvent.put(entry.getKey().name(),
                        new EventTally(tally.count(), tally.lastAt()));
                case WebhookHealthStore.REFUSED -> refused.merge(entry.getKey().name(), tally.count(), Long::sum);
                case WebhookHealthStore.DUPLICATE -> duplicates += tally.count();
                case WebhookHealthStore.DROPPED -> dropped += tally.count();
                default -> { }
            }
        }
        List<Refusal> recent = new ArrayList<>(unflushed);
        recent.addAll(stored.refusals());
        recent = recent.subList(0, Math.min(LISTED, recent.size()));

        long since = stored.firstHour() == null ? startedAt : stored.firstHour();
        long last = lastReceivedAt;
        int liveRooms = rooms.activeRooms().size();
        long quietSince = last > 0 ? last : startedAt;
        boolean silent = liveRooms > 0 && now - quietSince > silenceMinutes * 60_000L;
        return new WebhookHealthReport(Math.max(since, cutoff), byEvent, refused, List.copyOf(recent), duplicates,
                dropped, stored.corrections(), last > 0 ? last : null, liveRooms, silent, silenceMinutes);
    }

    private long cutoff(long now) {
        long start = now - retentionDays * 86_400_000L;
        return start - start % HOUR_MS;
    }
}
