package dev.lkdash.stream.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FrameBatchTest {

    @Test
    void writesItsFramesInOrderAsOneWrite() throws IOException {
        FrameBatch batch = new FrameBatch();
        byte[] big = new byte[10_000];
        big[9_999] = 7;
        batch.add(new byte[] {1, 2});
        batch.add(big);
        batch.add(new byte[] {3});
        CountingStream out = new CountingStream();
        batch.writeTo(out);
        assertEquals(1, out.writes);
        assertEquals(10_003, out.size());
        byte[] written = out.toByteArray();
        assertEquals(7, written[10_001]);
        assertEquals(3, written[10_002]);
    }

    @Test
    void isReusedAfterClear() throws IOException {
        FrameBatch batch = new FrameBatch();
        batch.add(new byte[] {1, 2, 3});
        batch.clear();
        assertEquals(0, batch.size());
        batch.add(new byte[] {9});
        CountingStream out = new CountingStream();
        batch.writeTo(out);
        assertArrayEquals(new byte[] {9}, out.toByteArray());
    }

    @Test
    void aHugeFrameIsNotKeptAfterClear() {
        FrameBatch batch = new FrameBatch();
        batch.add(new byte[3 * FrameBatch.TARGET_BYTES]);
        batch.clear();
        batch.add(new byte[] {1});
        assertEquals(1, batch.size());
    }

    private static final class CountingStream extends ByteArrayOutputStream {
        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }
}
