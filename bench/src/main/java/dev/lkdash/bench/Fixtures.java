package dev.lkdash.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real LiveKit webhook bodies (the repository's test fixtures, bundled into the jar), each split
 * around its event id, room sid and room name, so that every webhook gets a unique id that
 * carries its send time, and each run of {@link #size()} consecutive webhooks is one room session
 * of its own (room started, people joining and leaving, egress, ingress, room finished), as
 * LiveKit traffic is: sessions end, the history grows, no session grows without bound.
 */
final class Fixtures {

    static final String[] NAMES = {"room_started", "participant_joined", "track_published", "track_unpublished",
            "participant_left", "participant_connection_aborted", "egress_started", "egress_updated",
            "egress_ended", "ingress_started", "ingress_ended", "room_finished"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"EV_[A-Za-z0-9_]+\"");
    /** The session of the fixtures: its sid and name are replaced by each run's own. */
    private static final String ROOM_SID = "RM_standup0001";
    private static final String ROOM_NAME = "daily-standup";
    private static final Pattern PLACES = Pattern.compile("(?<id>\"id\"\\s*:\\s*\"EV_[A-Za-z0-9_]+\")|(?<sid>"
            + ROOM_SID + ")|(?<name>" + ROOM_NAME + ")");

    /** What goes between the literal parts of a body. */
    private enum Place { ID, ROOM_SID, ROOM_NAME }

    /** One fixture: literal parts, with a place to fill between each two. */
    private record Template(byte[][] parts, Place[] places) {
    }

    private final Template[] templates;
    /**
     * This run's tag in every room sid and name: a second run against the same server (the next
     * pass of an A/B) starts new sessions instead of adding to the first run's, whose phases are
     * numbered alike; LiveKit never reuses a room sid.
     */
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);

    private Fixtures(List<Template> templates) {
        this.templates = templates.toArray(new Template[0]);
    }

    static Fixtures load(Path directory) throws IOException {
        List<Template> templates = new ArrayList<>();
        for (String name : NAMES) {
            String text;
            if (directory != null) {
                Path file = directory.resolve(name + ".json");
                if (!Files.exists(file)) {
                    continue;
                }
                text = Files.readString(file);
            } else {
                try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
                    if (in == null) {
                        continue;
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (ID.matcher(text).find()) {
                templates.add(template(text));
            }
        }
        if (templates.isEmpty()) {
            throw new IOException("no LiveKit webhook fixtures found" + (directory == null ? " in the jar" : " in " + directory));
        }
        return new Fixtures(templates);
    }

    private static Template template(String text) {
        List<byte[]> parts = new ArrayList<>();
        List<Place> places = new ArrayList<>();
        Matcher m = PLACES.matcher(text);
        int from = 0;
        while (m.find()) {
            boolean id = m.group("id") != null;
            parts.add((text.substring(from, m.start()) + (id ? "\"id\":\"" : "")).getBytes(StandardCharsets.UTF_8));
            places.add(id ? Place.ID : m.group("sid") != null ? Place.ROOM_SID : Place.ROOM_NAME);
            from = id ? m.end() - 1 : m.end(); // the id's closing quote stays literal
        }
        parts.add(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return new Template(parts.toArray(new byte[0][]), places.toArray(new Place[0]));
    }

    /** Webhooks per room session. */
    int size() {
        return templates.length;
    }

    /**
     * Body number {@code n} of a phase, with id {@code EV_b<phase>t<sendNanos>n<n>}, in room session
     * {@code RM_<run>b<phase>s<n / size()>} named {@code daily-standup-<run>b<phase>s<n / size()>}: sessions one
     * after another, so that webhooks in flight together belong to one or two sessions.
     */
    byte[] body(int phase, long sendNanos, long n) {
        return body(phase, sendNanos, n, n / templates.length, (int) (n % templates.length));
    }

    /**
     * Bodies for {@code lanes} senders that each send one room's webhooks in order, as LiveKit's
     * notifier does (it queues a room's events by room name and sends them one at a time): body
     * {@code n} is webhook {@code n / lanes} of lane {@code n % lanes}, whose sessions are
     * {@code lane}, {@code lane + lanes}, ...
     */
    WebhookSender.Bodies inRoomOrder(int lanes) {
        return (phase, sendNanos, n) -> {
            long lane = n % lanes;
            long k = n / lanes;
            return body(phase, sendNanos, n, lane + lanes * (k / templates.length), (int) (k % templates.length));
        };
    }

    private byte[] body(int phase, long sendNanos, long n, long session, int templateIndex) {
        Template template = templates[templateIndex];
        byte[] id = ("EV_b" + phase + "t" + sendNanos + "n" + n).getBytes(StandardCharsets.US_ASCII);
        byte[] sid = ("RM_" + runTag + "b" + phase + "s" + session).getBytes(StandardCharsets.US_ASCII);
        byte[] name = (ROOM_NAME + "-" + runTag + "b" + phase + "s" + session).getBytes(StandardCharsets.US_ASCII);
        int length = 0;
        for (byte[] part : template.parts()) {
            length += part.length;
        }
        for (Place place : template.places()) {
            length += (place == Place.ID ? id : place == Place.ROOM_SID ? sid : name).length;
        }
        byte[] body = new byte[length];
        int at = 0;
        for (int i = 0; i < template.parts().length; i++) {
            byte[] part = template.parts()[i];
            System.arraycopy(part, 0, body, at, part.length);
            at += part.length;
            if (i < template.places().length) {
                Place place = template.places()[i];
                byte[] value = place == Place.ID ? id : place == Place.ROOM_SID ? sid : name;
                System.arraycopy(value, 0, body, at, value.length);
                at += value.length;
            }
        }
        return body;
    }
}
