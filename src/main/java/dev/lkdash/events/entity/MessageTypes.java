package dev.lkdash.events.entity;

import java.util.List;

/** Names shared by every producer and consumer of dashboard messages. */
public final class MessageTypes {

    /** Version of the message schema, sent in every message's {@code metadata.version}. */
    public static final String SCHEMA_VERSION = "1.0.0";

    public static final String LIVEKIT = "livekit";
    public static final String SYSTEM = "system";

    public static final String CONNECTED = "connected";
    public static final String RESYNC = "resync";

    /** The LiveKit event names this version knows; others are still accepted and broadcast. */
    public static final List<String> LIVEKIT_EVENTS = List.of(
            "room_started", "room_finished",
            "participant_joined", "participant_left", "participant_connection_aborted",
            "track_published", "track_unpublished",
            "egress_started", "egress_updated", "egress_ended",
            "ingress_started", "ingress_ended",
            "agent_job_started", "agent_job_ended");

    private MessageTypes() {
    }
}
