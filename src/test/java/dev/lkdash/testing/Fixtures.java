package dev.lkdash.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** LiveKit webhook bodies as a LiveKit server encodes them (copied from the shared fixtures). */
public final class Fixtures {

    /** One fixture per LiveKit event name. */
    public static final List<String> EVENT_NAMES = List.of(
            "room_started", "participant_joined", "track_published", "track_unpublished",
            "egress_started", "egress_updated", "egress_ended", "ingress_started", "ingress_ended",
            "participant_left", "participant_connection_aborted", "room_finished");

    private Fixtures() {
    }

    public static byte[] body(String eventName) {
        return resource("/fixtures/livekit/" + eventName + ".json");
    }

    /** The whole fixture room session, one body per line, in LiveKit's order. */
    public static List<byte[]> session() {
        String lines = new String(resource("/fixtures/livekit/session.jsonl"), StandardCharsets.UTF_8);
        return lines.lines().filter(line -> !line.isBlank()).map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static byte[] resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
