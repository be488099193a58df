package dev.lkdash.stream.boundary;

import dev.lkdash.stream.control.BroadcastStreams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/events} on the JAX-RS transport (the default). With
 * {@code dashboard.sse.transport=servlet}, {@link EventStreamServlet} is mapped to the same path
 * and takes precedence as the more specific mapping.
 */
@Path("events")
public class EventStreamResource {

    @Inject
    BroadcastStreams streams;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /**
     * @param lastEventIdQuery the same as the header, for a page that creates a new EventSource
     *                         (which cannot set headers); the header wins, as the browser's own
     *                         reconnect sends a newer id there
     * @param client           the id the client gives itself: its earlier stream, if still open,
     *                         is ended (see {@code StreamOpener.opened})
     */
    @GET
    @StreamHeaders
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse,
                     @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                     @QueryParam("lastEventId") String lastEventIdQuery,
                     @QueryParam("client") String client) {
        // No container buffer: Undertow's non-blocking flush() (RESTEasy writes the stream with
        // non-blocking servlet output on WildFly) keeps there what the socket did not take while
        // isReady() stays true, and nothing would write it before the next message. Payara's
        // container only ever grows its buffer, so this changes nothing there.
        response.setBufferSize(0);
        streams.open(sink, sse, lastEventId != null ? lastEventId : lastEventIdQuery, request, client);
    }
}
