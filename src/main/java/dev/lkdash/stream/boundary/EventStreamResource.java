package dev.lkdash.stream.boundary;

import dev.lkdash.stream.control.StreamBroadcaster;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

@Path("events")
public class EventStreamResource {

    @Inject
    StreamBroadcaster broadcaster;

    @GET
    @StreamHeaders
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void open(@Context SseEventSink sink, @Context Sse sse,
                     @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
        broadcaster.open(sink, sse, lastEventId);
    }
}
