package dev.lkdash.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web app's error page (web.xml): every error the servlet container itself answers (a file
 * that does not exist, a path the API is never reached by, a failure outside JAX-RS) gets the
 * contract's JSON body instead of the runtime's HTML page. The message is fixed per status, never
 * an exception's.
 */
public class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(400, new String[] {"bad_request", "The request is malformed"}),
            Map.entry(401, new String[] {"unauthorized", "Authentication is required"}),
            Map.entry(403, new String[] {"forbidden", "This is not allowed"}),
            Map.entry(404, new String[] {"not_found", "There is nothing at this address"}),
            Map.entry(405, new String[] {"method_not_allowed", "This method is not allowed here"}),
            Map.entry(406, new String[] {"not_acceptable", "No acceptable representation"}),
            Map.entry(408, new String[] {"request_timeout", "The request took too long"}),
            Map.entry(411, new String[] {"length_required", "The request needs a Content-Length"}),
            Map.entry(413, new String[] {"payload_too_large", "The body is too large"}),
            Map.entry(414, new String[] {"uri_too_long", "The address is too long"}),
            Map.entry(415, new String[] {"unsupported_media_type", "This content type is not accepted here"}),
            Map.entry(431, new String[] {"request_header_fields_too_large", "The request headers are too large"}),
            Map.entry(503, new String[] {"unavailable", "The service is unavailable; retry later"}));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 404;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable thrown) {
            status = 500;
            LOG.log(Level.SEVERE, "Unexpected failure while handling a request", thrown);
        }
        String[] known = KNOWN.get(status);
        ApiException error = known != null
                ? new ApiException(status, known[0], known[1])
                : status >= 500
                ? new ApiException(500, "internal_error", "The server failed to handle the request")
                : new ApiException(status, "http_" + status, "The request was refused");
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ErrorResponses.send(response, error);
    }
}
