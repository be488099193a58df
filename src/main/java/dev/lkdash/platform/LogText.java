package dev.lkdash.platform;

/**
 * Makes text a client controls safe for one log line: control and non-ASCII characters escaped
 * (no forged lines, no terminal escapes), and cut to a length.
 */
public final class LogText {

    private static final int MAX_LENGTH = 120;

    private LogText() {
    }

    public static String of(String untrusted) {
        if (untrusted == null) {
            return "-";
        }
        StringBuilder safe = new StringBuilder(Math.min(untrusted.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < untrusted.length(); i++) {
            if (safe.length() >= MAX_LENGTH) {
                return safe.append("…(").append(untrusted.length()).append(" chars)").toString();
            }
            char c = untrusted.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                safe.append(c);
            } else {
                safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe.toString();
    }

    /** The same in double quotes, its own quotes escaped: a user name stays one visible token. */
    public static String quoted(String untrusted) {
        return untrusted == null ? "(none)" : '"' + of(untrusted).replace("\"", "\\\"") + '"';
    }
}
