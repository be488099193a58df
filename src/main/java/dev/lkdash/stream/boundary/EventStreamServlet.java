package dev.lkdash.stream.boundary;

import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.ErrorResponses;
import dev.lkdash.stream.control.ServletStreamWriter;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code GET /api/events} on the servlet transport ({@code dashboard.sse.transport=servlet}): a
 * servlet so that the stream can be written with non-blocking servlet output (see
 * {@link ServletStreamWriter}). Registered by {@link ServletTransportRegistration} only when chosen;
 * as an exact mapping it then takes precedence over the JAX-RS application's {@code /api/*}.
 */
public class EventStreamServlet extends HttpServlet {

    @Inject
    ServletStreamWriter writer;

    /**
     * Resumes after the {@code Last-Event-ID} header, or the {@code lastEventId} query parameter
     * for a page that creates a new EventSource (which cannot set headers); the header wins, as
     * the browser's own reconnect sends a newer id there. A {@code client} id ends that client's
     * earlier stream (see {@code StreamOpener.opened}).
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            ErrorResponses.send(response, new ApiException(Response.Status.METHOD_NOT_ALLOWED, "method_not_allowed",
                    "The event stream is opened with GET"));
            return;
        }
        String lastEventId = request.getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = request.getParameter("lastEventId");
        }
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache");
        // proxies such as nginx buffer a response unless told not to
        response.setHeader("X-Accel-Buffering", "no");
        if ("HTTP/1.1".equals(request.getProtocol())) { // connection headers are forbidden on HTTP/2
            response.setHeader("Connection", "keep-alive");
        }
        try {
            writer.open(request, response, lastEventId, request.getParameter("client"));
        } catch (ApiException refused) {
            response.reset(); // not a stream: none of its headers
            ErrorResponses.send(response, refused);
        }
    }
}
