package dev.lkdash.auth.control;

/** Text a client chose (a user name), made safe for one log line: no control characters, bounded. */
public final class LogText {

    private static final int MAX = 80;

    private LogText() {
    }

    public static String quoted(String untrusted) {
        if (untrusted == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("\"");
        untrusted.codePoints().limit(MAX).forEach(point -> {
            if (point == '"' || point == '\\') {
                out.append('\\').appendCodePoint(point);
            } else if (Character.isISOControl(point) || Character.getType(point) == Character.FORMAT
                    || Character.getType(point) == Character.LINE_SEPARATOR || Character.getType(point) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", point));
            } else {
                out.appendCodePoint(point);
            }
        });
        if (untrusted.codePointCount(0, untrusted.length()) > MAX) {
            out.append('…');
        }
        return out.append('"').toString();
    }
}
