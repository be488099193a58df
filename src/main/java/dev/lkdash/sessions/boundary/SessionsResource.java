package dev.lkdash.sessions.boundary;

import dev.lkdash.platform.ApiException;
import dev.lkdash.sessions.control.SessionHistory;
import dev.lkdash.sessions.control.SessionQueries;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionPage;
import dev.lkdash.store.control.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/** Past and current room sessions ({@code docs/api.md}). */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    Database database;

    /** Parameters arrive as text so that a bad one is answered with our 400, not the runtime's 404. */
    @GET
    public SessionPage sessions(@QueryParam("room") String room, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor) {
        return history().page(SessionQueries.parse(room, from, to, limit, cursor));
    }

    @GET
    @Path("{sid}")
    public SessionDetail session(@PathParam("sid") String sid) {
        return history().find(sid)
                .orElseThrow(() -> ApiException.notFound("No session with sid " + sid));
    }

    private SessionHistory history() {
        return new SessionHistory(database, Clock.systemUTC());
    }
}
