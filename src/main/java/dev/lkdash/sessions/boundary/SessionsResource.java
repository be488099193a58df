package dev.lkdash.sessions.boundary;

import dev.lkdash.platform.ApiException;
import dev.lkdash.sessions.control.SessionExport;
import dev.lkdash.sessions.control.SessionHistory;
import dev.lkdash.sessions.control.SessionQueries;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionQuery;
import dev.lkdash.store.control.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;

/** Past and current room sessions, and their exports ({@code docs/api.md}). */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    Database database;

    /** Parameters arrive as text so that a bad one is answered with our 400, not the runtime's 404. */
    @GET
    public Response sessions(@QueryParam("room") String room, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("limit") String limit,
                             @QueryParam("cursor") String cursor, @QueryParam("format") String format) {
        SessionQuery query = SessionQueries.parse(room, from, to, limit, cursor);
        SessionExport.Format export = exportFormat(format);
        if (export == null) {
            return Response.ok(history().page(query)).build();
        }
        StreamingOutput body = out -> new SessionExport(history()).list(query, export, out);
        return download(body, export, "sessions");
    }

    @GET
    @Path("{sid}")
    public Response session(@PathParam("sid") String sid, @QueryParam("format") String format) {
        SessionExport.Format export = exportFormat(format);
        SessionDetail session = history().find(sid)
                .orElseThrow(() -> ApiException.notFound("No session with sid " + sid));
        if (export == null) {
            return Response.ok(session).build();
        }
        StreamingOutput body = out -> new SessionExport(history()).detail(session, export, out);
        return download(body, export, "session-" + sid);
    }

    /** Null when no export is asked for. */
    private static SessionExport.Format exportFormat(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        SessionExport.Format parsed = SessionExport.Format.parse(format);
        if (parsed == null) {
            throw ApiException.badParameter("format must be csv or json");
        }
        return parsed;
    }

    private static Response download(StreamingOutput body, SessionExport.Format format, String name) {
        return Response.ok(body, format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, format.disposition(name))
                .build();
    }

    private SessionHistory history() {
        return new SessionHistory(database, Clock.systemUTC());
    }
}
