package dev.lkdash.stream.control;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Frames gathered for one write; reusable once written (a stream does not keep what it was given).
 * Its buffer is only allocated by the first frame, as most rounds that close a stream write none.
 */
final class FrameBatch {

    /** A batch stops taking frames past this size (one frame may cross it). */
    static final int TARGET_BYTES = 64 * 1024;
    private static final int FIRST_BYTES = 4 * 1024;

    private byte[] bytes = new byte[0];
    private int size;

    void clear() {
        size = 0;
        if (bytes.length > 2 * TARGET_BYTES) { // one huge frame: do not keep its buffer
            bytes = new byte[0];
        }
    }

    void add(byte[] frame) {
        if (size + frame.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(FIRST_BYTES, Math.max(bytes.length * 2, size + frame.length)));
        }
        System.arraycopy(frame, 0, bytes, size, frame.length);
        size += frame.length;
    }

    int size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }
}
