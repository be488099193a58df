package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.fail;

/** Snapshot comparison with a readable failure: the first place the two differ. */
final class Snapshots {

    private Snapshots() {
    }

    static void assertSame(Object expected, Object actual, String label) {
        if (expected.equals(actual)) {
            return;
        }
        String a = expected.toString();
        String b = actual.toString();
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 300);
        fail(label + ": snapshots differ at char " + i + "\n expected …" + a.substring(from, Math.min(a.length(), i + 200))
                + "\n actual   …" + b.substring(from, Math.min(b.length(), i + 200)));
    }
}
