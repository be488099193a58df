package dev.lkdash.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One accepted LiveKit webhook event as it arrived. Rows are only ever inserted and, past the
 * retention, deleted: never updated. The table is created by the schema migrations, not by JPA.
 */
@Entity
@Table(name = "webhook_event")
@NamedQuery(name = RecordedEvent.AFTER_ID,
        query = "SELECT e FROM RecordedEvent e WHERE e.eventId > :after ORDER BY e.eventId")
public class RecordedEvent {

    public static final String AFTER_ID = "RecordedEvent.afterId";

    /** LiveKit's event id, or {@code sha256:<body hash>} for an event without one. */
    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "room_sid")
    private String roomSid;

    @Column(name = "room_name")
    private String roomName;

    /** LiveKit's {@code createdAt}, ms (the receipt time when LiveKit left it out). */
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** When the dashboard accepted the webhook, ms. */
    @Column(name = "received_at", nullable = false)
    private long receivedAt;

    /** The verified body, exactly as LiveKit sent it (UTF-8 JSON). */
    @Column(name = "body", nullable = false)
    private String body;

    protected RecordedEvent() {
    }

    public RecordedEvent(String eventId, String name, String roomSid, String roomName, long createdAt,
                         long receivedAt, String body) {
        this.eventId = eventId;
        this.name = name;
        this.roomSid = roomSid;
        this.roomName = roomName;
        this.createdAt = createdAt;
        this.receivedAt = receivedAt;
        this.body = body;
    }

    public String eventId() {
        return eventId;
    }

    public String name() {
        return name;
    }

    public String roomSid() {
        return roomSid;
    }

    public String roomName() {
        return roomName;
    }

    public long createdAt() {
        return createdAt;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public String body() {
        return body;
    }
}
