package dev.lkdash.rooms.control;

import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.store.control.EventStore;
import dev.lkdash.store.entity.RecordedEvent;
import dev.lkdash.webhooks.control.WebhookParser;
import dev.lkdash.webhooks.control.WebhookVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one {@link RoomProjection}, kept equal to the stored events: an event is
 * stored first and then applied, the projection is rebuilt from the store at start-up and after
 * the retention deleted events.
 */
@ApplicationScoped
public class RoomState {

    private static final Logger LOG = Logger.getLogger(RoomState.class.getName());

    @Inject
    EventStore store;

    private final Clock clock = Clock.systemUTC();
    /** Guards the swap of the projection against applies in flight. */
    private final Object swap = new Object();
    private volatile RoomProjection projection;
    /** Events applied while a rebuild reads the store; re-applied to the rebuilt projection. */
    private List<ProjectedEvent> appliedDuringRebuild;

    /** Builds the state when the application starts, not on the first webhook. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "Room state holds " + projection.eventCount() + " events");
    }

    @PostConstruct
    void load() {
        long began = System.nanoTime();
        projection = readStore();
        LOG.info(() -> String.format("Room state rebuilt from %d stored events in %d ms: %d active rooms, %d sessions",
                projection.eventCount(), (System.nanoTime() - began) / 1_000_000, projection.activeRooms().size(),
                projection.sessions().size()));
    }

    /**
     * Records an accepted webhook: stores it, then applies it.
     *
     * @param body the verified body as received
     * @return the projection's update, or null when the event had been recorded before (a LiveKit
     *         retry the in-memory duplicate check no longer remembered)
     * @throws RuntimeException when the event could not be stored; nothing changed then
     */
    public ProjectionUpdate record(LiveKitEvent accepted, byte[] body, long acceptedAt) {
        ProjectedEvent event = new ProjectedEvent(accepted.webhookId(), accepted.event(), accepted.job(),
                Instant.ofEpochMilli(acceptedAt));
        if (projection.contains(event.eventId())) {
            return null;
        }
        Attachment room = Attachment.of(event, EventType.of(event.name()));
        RecordedEvent row = new RecordedEvent(event.eventId(), event.name(), room.hasSid() ? room.sid() : null,
                room.hasName() ? room.name() : null, event.createdAtMillis(), acceptedAt,
                new String(body, StandardCharsets.UTF_8));
        if (!store.append(row)) {
            return null;
        }
        return apply(event);
    }

    /** Never throws: the event is stored, so the webhook is answered 200 whatever happens here. */
    private ProjectionUpdate apply(ProjectedEvent event) {
        synchronized (swap) {
            if (appliedDuringRebuild != null) {
                appliedDuringRebuild.add(event);
            }
            try {
                return projection.apply(event);
            } catch (RuntimeException unexpected) {
                LOG.log(Level.SEVERE, "Event " + event.eventId() + " is stored but could not be applied", unexpected);
                return null;
            }
        }
    }

    /** The current projection, for reads. */
    public RoomProjection projection() {
        return projection;
    }

    /**
     * Deletes what the retention no longer keeps (see {@link Retention}) and rebuilds the state
     * from what is left.
     *
     * @return the number of events deleted
     */
    public int prune(Instant cutoff) {
        Retention retention = Retention.at(cutoff, projection.sessions());
        int deleted = store.prune(retention.expiredSids(), retention.keptSids(), cutoff.toEpochMilli());
        if (deleted == 0) {
            return 0;
        }
        synchronized (swap) {
            appliedDuringRebuild = new ArrayList<>();
        }
        RoomProjection rebuilt;
        try {
            rebuilt = readStore();
        } catch (RuntimeException failed) {
            synchronized (swap) {
                appliedDuringRebuild = null;
            }
            throw failed;
        }
        synchronized (swap) {
            appliedDuringRebuild.forEach(rebuilt::apply);
            appliedDuringRebuild = null;
            projection = rebuilt;
        }
        return deleted;
    }

    private RoomProjection readStore() {
        RoomProjection rebuilt = new RoomProjection(clock);
        store.replay(row -> {
            try {
                rebuilt.apply(decode(row));
            } catch (RuntimeException unreadable) {
                LOG.log(Level.WARNING, "Stored event " + row.eventId() + " is skipped: it cannot be read", unreadable);
            }
        });
        return rebuilt;
    }

    private static ProjectedEvent decode(RecordedEvent row) {
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        LiveKitEvent parsed = WebhookParser.parse(body, WebhookVerifier.sha256(body));
        return new ProjectedEvent(row.eventId(), parsed.event(), parsed.job(), Instant.ofEpochMilli(row.receivedAt()));
    }
}
