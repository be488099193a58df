package dev.lkdash.sessions.control;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Rows as RFC 4180 CSV: fields separated by commas, lines ended by CRLF, a field quoted (its
 * quotes doubled) when it holds a comma, a quote or a line break. A text that a spreadsheet would
 * run as a formula (it starts with {@code = + - @}, or a tab or carriage return) gets a leading
 * {@code '}, so that an exported identity or room name never executes.
 */
final class CsvWriter {

    private final Writer out;

    CsvWriter(Writer out) {
        this.out = out;
    }

    /** One row; null values are empty fields, numbers and booleans are written as they are. */
    void row(List<?> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = values.get(i);
            if (value != null) {
                out.write(value instanceof CharSequence text ? field(text.toString()) : value.toString());
            }
        }
        out.write("\r\n");
    }

    static String field(String text) {
        String safe = isFormula(text) ? "'" + text : text;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean isFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
