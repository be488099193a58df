package dev.lkdash.sessions.control;

import dev.lkdash.sessions.entity.ParticipantSession;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.sessions.entity.SessionSummary;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sessions list and one session as downloads ({@code ?format=csv|json}). The list is every
 * session of the filter, read a page at a time and written as it is read, so an export of the
 * whole history holds one page in memory. A session's CSV is its attendance, one row per
 * participant session; its JSON is the whole detail.
 */
public final class SessionExport {

    /** Sessions read per query while exporting. */
    static final int PAGE = SessionQuery.MAX_LIMIT;

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final List<String> LIST_HEADER = List.of("sid", "roomName", "startedAt", "endedAt", "endedBy",
            "durationSeconds", "peakParticipants", "totalParticipants");
    private static final List<String> ATTENDANCE_HEADER = List.of("sessionSid", "roomName", "participantSid",
            "identity", "name", "kind", "joinedAt", "leftAt", "durationSeconds", "disconnectReason", "endedBy",
            "tracks");

    /** What an export is written as. */
    public enum Format {
        CSV("text/csv; charset=utf-8", "csv"),
        JSON("application/json; charset=utf-8", "json");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        /** {@code attachment} with a file name made only of safe characters. */
        public String disposition(String baseName) {
            String safe = baseName.replaceAll("[^A-Za-z0-9_.-]", "_");
            return "attachment; filename=\"" + safe + "." + extension + "\"";
        }

        /** Null or blank for no export; anything but csv or json is refused by the caller. */
        public static Format parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> null;
            };
        }
    }

    private final SessionHistory history;

    public SessionExport(SessionHistory history) {
        this.history = history;
    }

    /** Every session of the query's filter (its limit and cursor do not apply), newest first. */
    public void list(SessionQuery filter, Format format, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        CsvWriter csv = new CsvWriter(out);
        if (format == Format.CSV) {
            csv.row(LIST_HEADER);
        } else {
            out.write('[');
        }
        boolean first = true;
        String cursor = null;
        do {
            SessionPage page = history.page(new SessionQuery(filter.room(), filter.from(), filter.to(), PAGE, cursor));
            for (SessionSummary s : page.items()) {
                if (format == Format.CSV) {
                    csv.row(listRow(s));
                } else {
                    out.write(first ? "" : ",");
                    out.write(JSONB.toJson(s)); // toJson(Object, Writer) closes the writer
                }
                first = false;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        if (format == Format.JSON) {
            out.write(']');
        }
        out.flush();
    }

    /** One session: its attendance as CSV, or the whole detail as JSON. */
    public void detail(SessionDetail session, Format format, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        if (format == Format.JSON) {
            out.write(JSONB.toJson(session));
        } else {
            CsvWriter csv = new CsvWriter(out);
            csv.row(ATTENDANCE_HEADER);
            for (ParticipantSession p : session.participants()) {
                csv.row(attendanceRow(session, p));
            }
        }
        out.flush();
    }

    private static List<Object> listRow(SessionSummary s) {
        return Arrays.asList(s.sid(), s.roomName(), s.startedAt(), s.endedAt(), s.endedBy(), s.durationSeconds(),
                s.peakParticipants(), s.totalParticipants());
    }

    private static List<Object> attendanceRow(SessionDetail session, ParticipantSession p) {
        return Arrays.asList(session.sid(), session.roomName(), p.sid(), p.identity(), p.name(), p.kind(), p.joinedAt(),
                p.leftAt(), p.durationSeconds(), p.disconnectReason(), p.endedBy(), p.tracks().size());
    }
}
