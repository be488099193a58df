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
 * around its event id so that every webhook gets a unique id that carries its send time.
 */
final class Fixtures {

    static final String[] NAMES = {"room_started", "participant_joined", "track_published", "track_unpublished",
            "participant_left", "participant_connection_aborted", "egress_started", "egress_updated",
            "egress_ended", "ingress_started", "ingress_ended", "room_finished"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"EV_[A-Za-z0-9_]+\"");

    final byte[][] prefixes;
    final byte[][] suffixes;

    private Fixtures(List<byte[]> prefixes, List<byte[]> suffixes) {
        this.prefixes = prefixes.toArray(new byte[0][]);
        this.suffixes = suffixes.toArray(new byte[0][]);
    }

    static Fixtures load(Path directory) throws IOException {
        List<byte[]> prefixes = new ArrayList<>();
        List<byte[]> suffixes = new ArrayList<>();
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
            Matcher m = ID.matcher(text);
            if (!m.find()) {
                continue;
            }
            prefixes.add((text.substring(0, m.start()) + "\"id\":\"").getBytes(StandardCharsets.UTF_8));
            suffixes.add(("\"" + text.substring(m.end())).getBytes(StandardCharsets.UTF_8));
        }
        if (prefixes.isEmpty()) {
            throw new IOException("no LiveKit webhook fixtures found" + (directory == null ? " in the jar" : " in " + directory));
        }
        return new Fixtures(prefixes, suffixes);
    }

    int size() {
        return prefixes.length;
    }

    /** Body number {@code n} of a phase, with id {@code EV_b<phase>t<sendNanos>n<n>}. */
    byte[] body(int phase, long sendNanos, long n) {
        int which = (int) (n % prefixes.length);
        byte[] prefix = prefixes[which];
        byte[] suffix = suffixes[which];
        byte[] id = ("EV_b" + phase + "t" + sendNanos + "n" + n).getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
        return body;
    }
}
