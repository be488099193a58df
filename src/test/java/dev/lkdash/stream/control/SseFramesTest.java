package dev.lkdash.stream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void aMessageIsAnIdAndOneDataLine() {
        assertEquals("id: r-7\ndata: {\"a\":\"é\"}\n\n", text(SseFrames.message("r-7", "{\"a\":\"é\"}")));
    }

    @Test
    void fieldsComeInOrderAndTheRetryOnlyWhenAsked() {
        assertEquals(": heartbeat\nevent: heartbeat\ndata: {}\n\n", text(SseFrames.encode("heartbeat", "heartbeat", null, -1, "{}")));
        assertEquals("retry: 3000\ndata: {}\n\n", text(SseFrames.encode(null, null, null, 3000, "{}")));
    }

    @Test
    void multiLineValuesBecomeOneLineEach() {
        assertEquals(": a\n: b\ndata: x\ndata: \ndata: y\n\n", text(SseFrames.encode("a\nb", null, null, -1, "x\r\n\ry")));
    }

    @Test
    void anIdOrNameCannotSpanLines() {
        assertThrows(IllegalArgumentException.class, () -> SseFrames.encode(null, null, "a\nb", -1, "{}"));
        assertThrows(IllegalArgumentException.class, () -> SseFrames.encode(null, "x\ry", null, -1, "{}"));
    }

    @Test
    void framesJoinInOrder() {
        assertEquals("data: 1\n\ndata: 2\n\n", text(SseFrames.concat(SseFrames.encode(null, null, null, -1, "1"),
                SseFrames.encode(null, null, null, -1, "2"))));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
