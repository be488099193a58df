package dev.lkdash.stream.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events frames as the bytes that go on the wire (UTF-8), built once per message and
 * written to every client as they are. Field order: comment, {@code event:}, {@code id:},
 * {@code retry:}, {@code data:}; a value spanning lines becomes one line per line.
 */
final class SseFrames {

    private SseFrames() {
    }

    /** A message: its {@code id:} and its JSON. */
    static byte[] message(String id, String json) {
        return encode(null, null, id, -1, json);
    }

    /**
     * @param comment     lines sent as {@code : …} (proxies see traffic, page code does not), or null
     * @param event       the {@code event:} name, or null for the default ({@code onmessage})
     * @param id          the {@code id:}, or null for a frame that does not move the client's last id
     * @param retryMillis the {@code retry:} delay, or negative for none
     * @param data        the {@code data:}, or null
     */
    static byte[] encode(String comment, String event, String id, long retryMillis, String data) {
        StringBuilder frame = new StringBuilder(64 + (data == null ? 0 : data.length()));
        lines(frame, ": ", comment);
        field(frame, "event: ", event);
        field(frame, "id: ", id);
        if (retryMillis >= 0) {
            frame.append("retry: ").append(retryMillis).append('\n');
        }
        lines(frame, "data: ", data);
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Frames one after the other, for a client that needs several at once. */
    static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            joined.writeBytes(frame);
        }
        return joined.toByteArray();
    }

    private static void field(StringBuilder frame, String name, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name.strip() + " cannot span lines");
        }
        frame.append(name).append(value).append('\n');
    }

    private static void lines(StringBuilder frame, String prefix, String value) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) { // every message: compact JSON
            frame.append(prefix).append(value).append('\n');
            return;
        }
        for (String line : value.split("\r\n|\r|\n", -1)) {
            frame.append(prefix).append(line).append('\n');
        }
    }
}
